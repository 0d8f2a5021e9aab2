-- SPDX-License-Identifier: GPL-3.0-or-later
-- Strata demo shop data for SQLite. Deterministic: every value is computed
-- from row numbers with recursive CTEs and arithmetic, no random().

INSERT INTO categories (id, parent_id, name, description, sort_order) VALUES
    (1, NULL, 'Books', 'Printed and electronic books', 1),
    (2, NULL, 'Electronics', 'Gadgets, computers and accessories', 2),
    (3, NULL, 'Home', 'Kitchen, garden and furniture', 3),
    (4, NULL, 'Sports', NULL, 4),
    (5, 1, 'Fiction', 'Novels and short stories', 1),
    (6, 1, 'Non-fiction', NULL, 2),
    (7, 2, 'Laptops', 'Portable computers', 1),
    (8, 2, 'Phones', NULL, 2),
    (9, 3, 'Kitchen', 'Pots, pans and knives', 1),
    (10, 3, 'Garden', NULL, 2),
    (11, 4, 'Running', 'Shoes and clothing', 1),
    (12, 4, 'Cycling', NULL, 2);

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO products (id, category_id, sku, name, description, price, stock, discontinued, added_on)
SELECT i,
       5 + (i * 7) % 8,
       printf('SKU-%05d', i * 37),
       printf('%s %s %d',
              CASE i % 6 WHEN 0 THEN 'Classic' WHEN 1 THEN 'Deluxe' WHEN 2 THEN 'Compact'
                         WHEN 3 THEN 'Pro' WHEN 4 THEN 'Eco' ELSE 'Ultra' END,
              CASE (i / 6) % 5 WHEN 0 THEN 'Edition' WHEN 1 THEN 'Model' WHEN 2 THEN 'Set'
                               WHEN 3 THEN 'Kit' ELSE 'Series' END,
              i),
       CASE WHEN i % 4 = 0 THEN NULL ELSE printf('Demo product number %d.', i) END,
       printf('%.2f', 2.5 + ((i * 7919) % 20000) / 100.0),
       (i * 31) % 250,
       CASE WHEN i % 17 = 0 THEN 1 ELSE 0 END,
       date('2021-01-01', printf('+%d days', (i * 5) % 900))
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO customers (id, email, first_name, last_name, city, country, loyalty_points, created_at)
SELECT i,
       printf('customer%04d@example.com', i),
       CASE i % 10 WHEN 0 THEN 'Anna' WHEN 1 THEN 'Ben' WHEN 2 THEN 'Clara' WHEN 3 THEN 'David'
                   WHEN 4 THEN 'Eva' WHEN 5 THEN 'Felix' WHEN 6 THEN 'Greta' WHEN 7 THEN 'Hugo'
                   WHEN 8 THEN 'Ines' ELSE 'Jonas' END,
       CASE (i / 10) % 8 WHEN 0 THEN 'Müller' WHEN 1 THEN 'Schmidt' WHEN 2 THEN 'Garcia'
                         WHEN 3 THEN 'Rossi' WHEN 4 THEN 'Dubois' WHEN 5 THEN 'Novak'
                         WHEN 6 THEN 'Smith' ELSE 'Kowalski' END,
       CASE WHEN i % 9 = 0 THEN NULL
            ELSE CASE i % 5 WHEN 0 THEN 'Berlin' WHEN 1 THEN 'Madrid' WHEN 2 THEN 'Rome'
                            WHEN 3 THEN 'Paris' ELSE 'Prague' END END,
       CASE i % 5 WHEN 0 THEN 'DE' WHEN 1 THEN 'ES' WHEN 2 THEN 'IT' WHEN 3 THEN 'FR' ELSE 'CZ' END,
       (i * 97) % 5000,
       datetime('2022-01-01 08:00:00', printf('+%d minutes', i * 1013))
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO orders (id, customer_id, status, ordered_at, shipped_on, note)
SELECT i,
       CASE WHEN i % 97 = 0 THEN NULL ELSE 1 + (i * 13) % 500 END,
       CASE i % 10 WHEN 0 THEN 'new' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'paid' WHEN 3 THEN 'paid'
                   ELSE 'shipped' END,
       datetime('2023-01-01 09:00:00', printf('+%d minutes', i * 257)),
       CASE WHEN i % 10 >= 4
            THEN date(datetime('2023-01-01 09:00:00', printf('+%d minutes', i * 257)),
                      printf('+%d days', 1 + i % 4))
            ELSE NULL END,
       CASE WHEN i % 23 = 0 THEN 'Please deliver to the back door.' ELSE NULL END
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000),
     l(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM l WHERE k < 5)
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
SELECT n.i,
       l.k,
       p.id,
       1 + (n.i + l.k * 3) % 4,
       p.price
FROM n
JOIN l ON l.k <= 1 + (n.i * 7) % 5
JOIN products p ON p.id = 1 + (n.i * 11 + l.k * 53) % 300
ORDER BY n.i, l.k;
