// Confirmation before an irreversible step (ui.md): a button with data-confirm asks first; "cancel" sends nothing.
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('button[data-confirm]'), function (button) {
    button.addEventListener('click', function (event) {
      if (!window.confirm(button.getAttribute('data-confirm'))) {
        event.preventDefault();
      }
    });
  });
})();
