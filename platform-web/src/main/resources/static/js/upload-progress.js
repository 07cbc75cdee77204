// Progress for long uploads (ui.md: "long work shows progress"). A form with data-progress is sent with
// XMLHttpRequest so the browser can report how much of the file has gone; then, while the server imports, the
// page says so; the server's answer (the result page, or the form with its errors) replaces this page.
// Without JavaScript the form posts normally and the result page comes all the same.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form[data-progress]');
  Array.prototype.forEach.call(forms, function (form) {
    var box = document.getElementById(form.getAttribute('data-progress'));
    if (!box || !window.FormData || !window.XMLHttpRequest) {
      return;
    }
    form.setAttribute('data-progress-ready', 'true');
    var bar = box.querySelector('progress');
    var text = box.querySelector('[data-role=text]');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open('POST', form.action);
      request.responseType = 'text';
      box.hidden = false;
      Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = true; });
      request.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) {
          var percent = Math.round(100 * e.loaded / e.total);
          bar.max = 100;
          bar.value = percent;
          text.textContent = box.getAttribute('data-uploading').replace('{0}', percent);
        }
      });
      request.upload.addEventListener('load', function () {
        bar.removeAttribute('value'); // indeterminate while the server works
        text.textContent = box.getAttribute('data-processing');
      });
      request.addEventListener('load', function () {
        document.open();
        document.write(request.responseText);
        document.close();
      });
      request.addEventListener('error', function () {
        text.textContent = box.getAttribute('data-failed');
        Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = false; });
      });
      request.send(new FormData(form));
    });
  });
}());
