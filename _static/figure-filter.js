// Filter the entries of the figures index as the reader types.
// Local script: the book loads nothing from other hosts.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("figure-filter");
  if (!box) return;
  const entries = Array.from(document.querySelectorAll(".figure-entry"));
  const count = document.getElementById("figure-filter-count");
  const update = () => {
    const query = box.value.trim().toLowerCase();
    let shown = 0;
    for (const entry of entries) {
      const match = !query || entry.textContent.toLowerCase().includes(query);
      entry.hidden = !match;
      if (match) shown += 1;
    }
    count.textContent = `${shown} of ${entries.length} figures`;
  };
  box.addEventListener("input", update);
  update();
});
