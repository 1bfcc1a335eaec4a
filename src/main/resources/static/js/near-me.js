// "Near me" on the activity list: fills latitude and longitude from the browser's geolocation.
// Nothing is sent anywhere until the visitor submits the form themselves.
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('locate');
  if (!button) {
    return;
  }
  var status = document.getElementById('locate-status');
  if (!('geolocation' in navigator)) {
    button.hidden = true;
    return;
  }
  button.addEventListener('click', function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById('lat').value = position.coords.latitude.toFixed(6);
      document.getElementById('lng').value = position.coords.longitude.toFixed(6);
      var radius = document.getElementById('radius');
      if (!radius.value) {
        radius.value = '5';
      }
      status.textContent = '';
    }, function () {
      status.textContent = button.getAttribute('data-error');
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
  });
});
