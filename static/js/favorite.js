// ☆ お気に入り in place: the form (seekers/_favorite_button.html) is sent with fetch and the button changed where it
// is, so a phone user far down the search results keeps her place. Without JavaScript, or when the answer is not
// the view's JSON (logged out, a network error), the form is sent as a page and comes back at #job-<id>.
(function () {
  if (!window.fetch || !window.FormData) return;
  function show(form, button, active) {
    var action = form.querySelector('input[name="action"]');
    if (active && !action) {
      action = document.createElement("input");
      action.type = "hidden";
      action.name = "action";
      action.value = "remove";
      form.insertBefore(action, button);
    } else if (!active && action) {
      action.parentNode.removeChild(action);
    }
    button.classList.toggle("on", active);
    button.setAttribute("aria-pressed", active ? "true" : "false");
    button.setAttribute("aria-label", (active ? "お気に入りから外す：" : "お気に入りに追加：") + button.dataset.title);
    button.textContent = (active ? "★" : "☆") + " お気に入り";
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("fav")) return;
    var button = form.querySelector(".fav-btn");
    var note = form.querySelector(".fav-note");
    if (!button || !note) return;
    event.preventDefault();
    if (form.dataset.busy) return; // a second tap while the first is on its way
    form.dataset.busy = "1";
    var body = new FormData(form);
    // getAttribute: form.action would be the hidden input named "action" once the posting is a favourite
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": body.get("csrfmiddlewaretoken") },
    })
      .then(function (r) {
        if ((r.headers.get("Content-Type") || "").indexOf("application/json") !== 0) throw new Error("page");
        return r.json().then(function (answer) { return { ok: r.ok, answer: answer }; });
      })
      .then(function (res) {
        delete form.dataset.busy;
        if (res.ok) {
          // The job page has the posting's ☆ twice (its top and after the 労働条件): both say the same.
          document.querySelectorAll("form.fav").forEach(function (other) {
            var twin = other.querySelector(".fav-btn");
            if (twin && other.getAttribute("action") === form.getAttribute("action")) show(other, twin, res.answer.active);
          });
        }
        note.className = "fav-note" + (res.ok ? (res.answer.active ? " success" : " info") : " error");
        note.textContent = res.answer.message;
      })
      .catch(function () {
        delete form.dataset.busy;
        form.submit(); // the page way: no submit event, so not here again
      });
  });
})();
