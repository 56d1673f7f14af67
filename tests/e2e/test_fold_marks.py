"""A fold's ▸/▾ says its own state: a closed fold inside an open one (合っている点 inside the candidate page's open
「推薦できない求人」) showed ▾ because `.m-fold[open] summary::before` matched every summary below an open fold."""

from __future__ import annotations

_MARKS = """() => {
  const box = document.createElement('div');
  box.innerHTML = '<details class="m-fold" id="outer" open><summary>推薦できない求人</summary>'
    + '<details class="m-fold" id="inner"><summary>合っている点（2件）</summary><p>…</p></details></details>';
  document.querySelector('main').appendChild(box);
  const mark = id => getComputedStyle(document.querySelector(`#${id} > summary`), '::before').content;
  const before = [mark('outer'), mark('inner')];
  document.querySelector('#inner').open = true;
  document.querySelector('#outer').open = false;
  return [before, [mark('outer'), mark('inner')]];
}"""


def test_a_closed_fold_inside_an_open_one_keeps_its_closed_mark(live_server, phone) -> None:
    phone.goto(f"{live_server.url}/careers/")
    (outer, inner), (outer_closed, inner_open) = phone.evaluate(_MARKS)
    assert "▾" in outer and "▸" in inner
    assert "▸" in outer_closed and "▾" in inner_open
