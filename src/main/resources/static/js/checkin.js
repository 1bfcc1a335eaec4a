// Check-in page: for a geofenced activity, put the phone's position into the form before it is sent.
(function () {
  var form = document.getElementById('checkin-form');
  if (!form || form.dataset.geofence !== 'true') {
    return;
  }
  var status = document.getElementById('checkin-position');
  if (!navigator.geolocation) {
    if (status) { status.textContent = status.dataset.failed; }
    return;
  }
  if (status) { status.textContent = status.dataset.locating; }
  navigator.geolocation.getCurrentPosition(function (position) {
    form.elements.latitude.value = position.coords.latitude.toFixed(6);
    form.elements.longitude.value = position.coords.longitude.toFixed(6);
    if (status) { status.textContent = status.dataset.found; }
  }, function () {
    if (status) { status.textContent = status.dataset.failed; }
  }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
})();
