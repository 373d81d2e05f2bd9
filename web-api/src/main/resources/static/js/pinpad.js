// The PIN pad (merchant/card-pin.html, the holder's step of card/issue-pin.html, card/reset-pin.html):
// large keys that type into a PIN field, which never shows the digits (a password field). With two
// fields (the PIN and its confirmation), the keys type into the one last focused, the first at
// first, and move on to the next once one is full. Without script, the holder types in the fields.
(function () {
  var form = document.querySelector('[data-pinpad]');
  if (!form) {
    return;
  }
  var fields = Array.prototype.slice.call(form.querySelectorAll('input.pin-input'));
  var keys = form.querySelector('[data-pinpad-keys]');
  var plainSubmit = form.querySelector('[data-pinpad-submit]');
  if (!fields.length || !keys) {
    return;
  }
  var active = fields[0];
  fields.forEach(function (field) {
    field.addEventListener('focus', function () {
      active = field;
    });
  });
  keys.hidden = false;
  if (plainSubmit) {
    plainSubmit.hidden = true;
  }
  keys.addEventListener('click', function (event) {
    var key = event.target.closest('button');
    if (!key) {
      return;
    }
    if (key.hasAttribute('data-digit')) {
      var index = fields.indexOf(active);
      if (active.value.length >= 6 && index < fields.length - 1) {
        active = fields[index + 1];
      }
      if (active.value.length < 6) {
        active.value += key.getAttribute('data-digit');
      }
    } else if (key.hasAttribute('data-clear')) {
      active.value = active.value.slice(0, -1);
    }
  });
})();
