/**
 * The journal store over SQL (jOOQ): SQLite by default, PostgreSQL through the same code.
 */
package org.casefunds.ledger.sql;
