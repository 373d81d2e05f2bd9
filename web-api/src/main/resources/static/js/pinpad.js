// The till's PIN pad (merchant/card-pin.html): large keys that type into the PIN field, which never
// shows the digits (a password field). Without script, the holder types in the field itself.
(function () {
  var form = document.querySelector('[data-pinpad]');
  if (!form) {
    return;
  }
  var field = form.querySelector('input[name="pin"]');
  var keys = form.querySelector('[data-pinpad-keys]');
  var plainSubmit = form.querySelector('[data-pinpad-submit]');
  keys.hidden = false;
  if (plainSubmit) {
    plainSubmit.hidden = true;
  }
  keys.addEventListener('click', function (event) {
    var key = event.target.closest('button');
    if (!key) {
      return;
    }
    if (key.hasAttribute('data-digit') && field.value.length < 6) {
      field.value += key.getAttribute('data-digit');
    } else if (key.hasAttribute('data-clear')) {
      field.value = field.value.slice(0, -1);
    }
  });
})();
