/**
 * The reports as Excel workbooks (.xlsx), the form court finance works in: each
 * {@link org.casefunds.ledger.formats.tables.ReportTable} written as a sheet with typed cells, so
 * that amounts are numbers finance can add up, dates are dates, and the three-colour list keeps its
 * colours. {@link org.casefunds.ledger.formats.xlsx.ReportWorkbook} is the entry point.
 */
package org.casefunds.ledger.formats.xlsx;
