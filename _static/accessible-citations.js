// docutils marks each entry of the references list with the DPUB-ARIA role
// doc-biblioentry, which ARIA 1.2 deprecates (axe-core: aria-deprecated-role)
// and which leaves the role="list" without list items. The entries are list
// items: say so.
document.addEventListener("DOMContentLoaded", () => {
  for (const entry of document.querySelectorAll('[role="doc-biblioentry"]')) {
    entry.setAttribute("role", "listitem");
  }
});
