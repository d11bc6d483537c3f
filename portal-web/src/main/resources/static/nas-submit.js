// Submits the hotspot login form at once; the page's button does the same when scripts are off.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('nas-login');
  if (form) {
    form.submit();
  }
});
