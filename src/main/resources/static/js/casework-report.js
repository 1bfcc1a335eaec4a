// 随手拍 report form: "use my position" fills latitude and longitude from the browser's geolocation
// and asks the server for possible duplicates. Nothing is sent until the visitor acts.
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('locate');
  var status = document.getElementById('locate-status');
  var latitude = document.getElementById('latitude');
  var longitude = document.getElementById('longitude');
  if (!button || !latitude || !longitude) {
    return;
  }
  function lookForDuplicates() {
    var category = document.getElementById('categoryCode');
    if (window.htmx && category && category.value) {
      window.htmx.trigger(category, 'change');
    }
  }
  latitude.addEventListener('change', lookForDuplicates);
  longitude.addEventListener('change', lookForDuplicates);
  if (!('geolocation' in navigator)) {
    return;
  }
  button.hidden = false;
  button.addEventListener('click', function () {
    if (status) { status.textContent = status.dataset.locating; }
    navigator.geolocation.getCurrentPosition(function (position) {
      latitude.value = position.coords.latitude.toFixed(6);
      longitude.value = position.coords.longitude.toFixed(6);
      if (status) { status.textContent = status.dataset.found; }
      lookForDuplicates();
    }, function () {
      if (status) { status.textContent = status.dataset.failed; }
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
});
