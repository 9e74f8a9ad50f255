// Each chart opens at full size when clicked: on a phone the column shows
// it at about a fifth of its drawn width, too small to read the ticks and
// the source line. The link keeps the image's alt text as its own name.
// Local script: the book loads nothing from other hosts.
document.addEventListener("DOMContentLoaded", () => {
  for (const image of document.querySelectorAll(".bd-article figure img")) {
    if (image.closest("a")) continue;
    const link = document.createElement("a");
    link.href = image.currentSrc || image.src;
    link.className = "chart-full-size";
    link.title = "Open the chart at full size";
    image.replaceWith(link);
    link.appendChild(image);
  }
});
