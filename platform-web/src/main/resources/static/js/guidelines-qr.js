// Draws the QR code of an entry's permalink (the element #qr carries it in data-url), with the vendored
// qrcode-generator 1.4.4 (MIT, Kazuhiko Arase). Without JavaScript the permalink is still printed as text.
(function () {
  'use strict';
  var holder = document.getElementById('qr');
  if (!holder || typeof qrcode !== 'function') {
    return;
  }
  var qr = qrcode(0, 'M');
  qr.addData(holder.getAttribute('data-url'));
  qr.make();
  var image = document.getElementById('qr-image');
  image.src = qr.createDataURL(4, 2);
  image.hidden = false;
}());
