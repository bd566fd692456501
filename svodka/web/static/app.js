// Pointing at a name lights up every mention of the same entity, in the text and the panel.
document.addEventListener("DOMContentLoaded", () => {
  const byHref = new Map();
  document.querySelectorAll("a.ent[href]").forEach((link) => {
    const key = link.getAttribute("href");
    if (!byHref.has(key)) byHref.set(key, []);
    byHref.get(key).push(link);
  });
  byHref.forEach((links) => {
    links.forEach((link) => {
      link.addEventListener("mouseenter", () => links.forEach((l) => l.classList.add("lit")));
      link.addEventListener("mouseleave", () => links.forEach((l) => l.classList.remove("lit")));
    });
  });
});
