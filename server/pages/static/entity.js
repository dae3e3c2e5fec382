// Linked-data pages: tables marked "sortable" sort by a column when its heading is clicked.
for (const table of document.querySelectorAll("table.sortable")) {
  const headings = [...table.tHead.rows[0].cells];
  headings.forEach((th, column) => {
    th.setAttribute("aria-sort", "none");
    th.tabIndex = 0;
    const sort = () => {
      const descending = th.getAttribute("aria-sort") === "ascending";
      const body = table.tBodies[0];
      const rows = [...body.rows];
      const key = (row) => row.cells[column].textContent.trim();
      rows.sort((a, b) => {
        const cmp = key(a).localeCompare(key(b), ["ja", "en"], { numeric: true });
        return descending ? -cmp : cmp;
      });
      for (const other of headings) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      body.append(...rows);
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (event) => { if (event.key === "Enter") sort(); });
  });
}
