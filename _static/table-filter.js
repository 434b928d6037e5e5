/* Filter for look-up tables written by helpers.tables.lookup_table: a labelled drop-down above
   each table.book-lookup that shows only the rows whose filter column has the chosen value.
   No library, no network; without JavaScript the whole table shows. */
(function () {
  "use strict";
  function enhance(table, index) {
    var column = parseInt(table.getAttribute("data-filter-column"), 10);
    var name = table.getAttribute("data-filter-label") || "Filter";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var values = [];
    rows.forEach(function (row) {
      var value = row.cells[column].textContent.trim();
      if (values.indexOf(value) === -1) { values.push(value); }
    });
    var id = "book-lookup-filter-" + index;
    var wrapper = document.createElement("p");
    wrapper.className = "book-lookup-filter";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = name + ": ";
    var select = document.createElement("select");
    select.id = id;
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "all (" + rows.length + " rows)";
    select.appendChild(all);
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      select.appendChild(option);
    });
    var status = document.createElement("span");
    status.className = "book-lookup-count";
    status.setAttribute("aria-live", "polite");
    select.addEventListener("change", function () {
      var shown = 0;
      rows.forEach(function (row) {
        var match = !select.value || row.cells[column].textContent.trim() === select.value;
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = " " + shown + " shown";
    });
    wrapper.appendChild(label);
    wrapper.appendChild(select);
    wrapper.appendChild(status);
    table.parentNode.insertBefore(wrapper, table);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var tables = document.querySelectorAll("table.book-lookup[data-filter-column]");
    Array.prototype.forEach.call(tables, enhance);
  });
})();
