// A button with data-print opens the browser's print dialog (the printable 結果通知 of a member invitation).
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('button[data-print]'), function (button) {
    button.addEventListener('click', function () {
      window.print();
    });
  });
}());
