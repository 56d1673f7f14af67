// The header's account menu is a <details> (it opens and closes by Enter and Space without JavaScript). What a
// <details> cannot do by itself: close with Escape, as a menu is expected to, and give the focus back to its
// 「メニュー」 so that Tab goes on from where the person was.
(function () {
  var menu = document.querySelector("header.site details.menu");
  if (!menu) return;
  menu.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !menu.open) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });
})();
