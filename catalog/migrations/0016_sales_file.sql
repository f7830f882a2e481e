-- The sales statistics (product_sales, copurchases) move to a file of their own beside
-- the catalog's (catalog's SalesFile, attached to every connection as "sales"), so that
-- recording an order's sale does not commit to the catalog's file: SQLite drops a
-- connection's whole page cache of a file when another has committed to it, and every
-- search would re-read its pages after each order. Open creates the tables there;
-- here the old ones are renamed, and Open copies their rows over and then drops them
-- (see moveSales), each step in a transaction of one file, so that a crash between
-- the two leaves a state the next Open finishes.
ALTER TABLE main.product_sales RENAME TO product_sales_moving;
ALTER TABLE main.copurchases RENAME TO copurchases_moving;
