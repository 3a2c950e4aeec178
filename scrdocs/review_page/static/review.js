// scrdocs review page. Plain JavaScript, served by scrdocs. It keeps nothing in the browser's storage:
// every decision is a POST to the page, which writes it to the reviewer's decisions file.
"use strict";

(function () {
  const text = document.getElementById("text");
  const panel = document.getElementById("panel");
  const form = document.getElementById("decide");

  // -- the documents list: follow a sign-off while the pack is rebuilt ------------------------------
  const job = document.getElementById("job-status");
  if (job && job.dataset.state === "running") {
    const poll = () => fetch(job.dataset.url, { credentials: "same-origin", cache: "no-store" })
      .then((r) => r.json())
      .then((s) => {
        job.textContent = s.message;
        job.dataset.state = s.state;
        if (s.state === "running") { setTimeout(poll, 1000); return; }
        const done = new URL(window.location.href);  // the "signing off" note is over: show the outcome alone
        const noted = done.searchParams.has("message");
        done.searchParams.delete("message");
        done.hash = s.state === "failed" ? "leak-report" : "sign-off";
        if (noted) { window.location.replace(done.toString()); } else { window.location.hash = done.hash; window.location.reload(); }
      });
    setTimeout(poll, 1000);
  }

  const filter = document.getElementById("word-filter");
  if (filter) {
    filter.addEventListener("input", () => {
      const q = filter.value.trim().toLowerCase();
      document.querySelectorAll("#words tbody tr").forEach((row) => {
        row.hidden = q !== "" && !row.dataset.word.includes(q);
      });
    });
  }
  if (!text || !panel || !form) { return; }

  // -- one document ------------------------------------------------------------------------------------
  const spans = Array.from(text.querySelectorAll("mark.span"));
  let current = null;

  function field(name) { return form.elements.namedItem(name); }

  function facts(rows) {
    const dl = document.getElementById("panel-facts");
    dl.replaceChildren();
    rows.forEach(([k, v]) => {
      if (v === "" || v === undefined || v === null) { return; }
      const dt = document.createElement("dt");
      dt.textContent = k;
      const dd = document.createElement("dd");
      dd.textContent = v;
      dl.append(dt, dd);
    });
  }

  function originalOf(mark) {
    const orig = mark.querySelector(".orig");
    return orig ? orig.textContent : "";
  }

  function showSpan(mark) {
    if (current) { current.classList.remove("current"); }
    current = mark;
    mark.classList.add("current");
    const piece = mark.closest(".piece");
    const d = mark.dataset;
    document.getElementById("panel-title").textContent =
      { removed: "Removed", kept: "Kept", to_confirm: "To confirm" }[d.status] || "Decision";
    facts([["Original", originalOf(mark)], ["Replacement", d.replacement], ["Type", d.category],
      ["Found by", d.detector], ["Why", d.reason], ["Case person", d.person], ["Confidence", d.confidence],
      ["Where", piece.dataset.location], ["Reviewer", d.decision ? "decided (" + d.decision + ")" : ""]]);
    field("piece").value = piece.dataset.piece;
    field("start").value = d.start;
    field("end").value = d.end;
    field("added").value = "";
    field("anchor").value = mark.id;
    field("category").value = d.category;
    field("replacement").value = "";
    document.getElementById("btn-confirm").hidden = d.action !== "remove";
    const undo = document.getElementById("undo");
    undo.hidden = !d.decision;
    undo.elements.namedItem("decision").value = d.decision;
    undo.elements.namedItem("anchor").value = mark.id;
    panel.hidden = false;
    mark.focus({ preventScroll: true });
    mark.scrollIntoView({ block: "center" });
  }

  spans.forEach((mark) => mark.addEventListener("click", (e) => {
    if (!window.getSelection().isCollapsed) { return; }
    e.preventDefault();
    showSpan(mark);
  }));

  // -- select text to add a removal: offsets count only the original's characters ---------------------
  function offsetIn(piece, node, offset) {
    const range = document.createRange();
    range.setStart(piece, 0);
    range.setEnd(node, offset);
    const part = range.cloneContents();
    part.querySelectorAll("[data-skip]").forEach((el) => el.remove());  // the replacements are not the original
    return part.textContent.length;
  }

  text.addEventListener("mouseup", () => {
    const sel = window.getSelection();
    if (sel.isCollapsed || sel.rangeCount === 0) { return; }
    const range = sel.getRangeAt(0);
    const piece = range.startContainer.parentElement && range.startContainer.parentElement.closest(".piece");
    if (!piece || piece !== (range.endContainer.parentElement && range.endContainer.parentElement.closest(".piece"))) { return; }
    let start = offsetIn(piece, range.startContainer, range.startOffset);
    let end = offsetIn(piece, range.endContainer, range.endOffset);
    if (end <= start) { return; }
    const words = sel.toString();
    if (current) { current.classList.remove("current"); current = null; }
    document.getElementById("panel-title").textContent = "Add a removal";
    facts([["Selected", words], ["Where", piece.dataset.location]]);
    field("piece").value = piece.dataset.piece;
    field("start").value = start;
    field("end").value = end;
    field("added").value = "1";
    field("anchor").value = piece.id;
    field("category").value = "PERSON";
    document.getElementById("btn-confirm").hidden = true;
    document.getElementById("undo").hidden = true;
    panel.hidden = false;
  });

  // -- filters -----------------------------------------------------------------------------------------
  const only = document.getElementById("only-confirm");
  const type = document.getElementById("type-filter");
  const showOriginal = document.getElementById("show-original");
  function applyFilters() {
    const on = only.checked || type.value !== "";
    text.classList.toggle("dim", on);
    text.querySelectorAll(".piece").forEach((p) => p.classList.remove("has-match"));
    spans.forEach((m) => {
      const match = (!only.checked || m.dataset.status === "to_confirm") && (!type.value || m.dataset.category === type.value);
      m.classList.toggle("match", match);
      if (match) { m.closest(".piece").classList.add("has-match"); }
    });
  }
  only.addEventListener("change", applyFilters);
  type.addEventListener("change", applyFilters);
  showOriginal.addEventListener("change", () => document.body.classList.toggle("hide-original", !showOriginal.checked));

  // -- keyboard: j/k next and previous decision (to confirm first when filtered), a accept, r remove, x keep
  function visible() { return spans.filter((m) => !text.classList.contains("dim") || m.classList.contains("match")); }
  function step(by) {
    const list = visible();
    if (!list.length) { return; }
    const at = current ? list.indexOf(current) : -1;
    showSpan(list[(at + by + list.length) % list.length]);
  }
  function press(id) { const b = document.getElementById(id); if (b && !b.hidden && !panel.hidden) { b.click(); } }
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input:not([type=checkbox]), select, textarea") || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (e.key === "j" || e.key === "n") { step(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { step(-1); e.preventDefault(); }
    else if (e.key === "a" && current) {  // accept what the engine proposed
      press(current.dataset.action === "remove" ? "btn-confirm" : "btn-keep");
    } else if (e.key === "r") { press("btn-remove"); }
    else if (e.key === "x") { press("btn-keep"); }
  });

  const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && target.matches("mark.span")) { showSpan(target); }
  else if (target) { target.scrollIntoView({ block: "center" }); }
})();
