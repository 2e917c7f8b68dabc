/* Kopbal: small progressive enhancements. The pages work without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
})();
