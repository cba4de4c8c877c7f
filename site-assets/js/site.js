// Small enhancements shared by every page. The site works without them.

/** "Copy citation" buttons: copy the text of the element named by data-copy-target. */
for (const button of document.querySelectorAll('button[data-copy-target]')) {
  button.addEventListener('click', async () => {
    const source = document.getElementById(button.dataset.copyTarget);
    if (!source) return;
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = 'Copied';
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): select the text instead.
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      button.textContent = 'Selected: press Ctrl+C';
    }
    setTimeout(() => { button.textContent = label; }, 2000);
  });
}

/** Sortable tables: each header holds a button; numbers sort as numbers, text by locale. */
for (const table of document.querySelectorAll('table.sortable')) {
  const headers = [...table.tHead.rows[0].cells];
  headers.forEach((th, column) => {
    const button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const body = table.tBodies[0];
      const rows = [...body.rows];
      const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
      rows.sort((a, b) => {
        const x = a.cells[column].textContent.trim();
        const y = b.cells[column].textContent.trim();
        return ascending ? collator.compare(x, y) : collator.compare(y, x);
      });
      body.append(...rows);
    });
  });
}
