// A form that came back with errors puts the focus on its first invalid field, so a screen reader
// announces that field with its error (aria-describedby) and a keyboard user starts there.
document.addEventListener('DOMContentLoaded', function () {
  var first = document.querySelector('main [aria-invalid="true"]');
  if (first && typeof first.focus === 'function') {
    first.focus();
  }
});
