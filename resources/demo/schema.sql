-- SPDX-License-Identifier: GPL-3.0-or-later
-- Strata demo shop schema. Portable DDL: runs unchanged on SQLite 3.40,
-- PostgreSQL 15 and MariaDB 10.11. One statement per ';' at a line end,
-- no comments inside statements, no engine-specific syntax.

CREATE TABLE categories (
    id INTEGER NOT NULL,
    parent_id INTEGER,
    name VARCHAR(60) NOT NULL,
    description TEXT,
    sort_order SMALLINT NOT NULL DEFAULT 0,
    CONSTRAINT pk_categories PRIMARY KEY (id),
    CONSTRAINT uq_categories_name UNIQUE (name),
    CONSTRAINT ck_categories_sort_order CHECK (sort_order >= 0),
    CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id) ON DELETE SET NULL
);

CREATE TABLE products (
    id INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    sku VARCHAR(20) NOT NULL,
    name VARCHAR(120) NOT NULL,
    description TEXT,
    price NUMERIC(10,2) NOT NULL,
    stock INTEGER NOT NULL DEFAULT 0,
    discontinued SMALLINT NOT NULL DEFAULT 0,
    added_on DATE NOT NULL,
    CONSTRAINT pk_products PRIMARY KEY (id),
    CONSTRAINT uq_products_sku UNIQUE (sku),
    CONSTRAINT ck_products_price CHECK (price >= 0),
    CONSTRAINT ck_products_stock CHECK (stock >= 0),
    CONSTRAINT ck_products_discontinued CHECK (discontinued IN (0, 1)),
    CONSTRAINT fk_products_category FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE RESTRICT
);

CREATE TABLE customers (
    id INTEGER NOT NULL,
    email VARCHAR(120) NOT NULL,
    first_name VARCHAR(60) NOT NULL,
    last_name VARCHAR(60) NOT NULL,
    city VARCHAR(60),
    country CHAR(2) NOT NULL DEFAULT 'DE',
    loyalty_points BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT pk_customers PRIMARY KEY (id),
    CONSTRAINT uq_customers_email UNIQUE (email),
    CONSTRAINT ck_customers_loyalty CHECK (loyalty_points >= 0)
);

CREATE TABLE orders (
    id INTEGER NOT NULL,
    customer_id INTEGER,
    status VARCHAR(12) NOT NULL DEFAULT 'new',
    ordered_at TIMESTAMP NOT NULL,
    shipped_on DATE,
    note TEXT,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT ck_orders_status CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')),
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE SET NULL
);

CREATE TABLE order_items (
    order_id INTEGER NOT NULL,
    line_no SMALLINT NOT NULL,
    product_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL DEFAULT 1,
    unit_price NUMERIC(10,2) NOT NULL,
    CONSTRAINT pk_order_items PRIMARY KEY (order_id, line_no),
    CONSTRAINT ck_order_items_quantity CHECK (quantity > 0),
    CONSTRAINT fk_order_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT fk_order_items_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT
);

CREATE INDEX ix_orders_customer_date ON orders (customer_id, ordered_at);

CREATE UNIQUE INDEX ux_products_category_name ON products (category_id, name);

CREATE INDEX ix_order_items_product ON order_items (product_id);

CREATE VIEW order_totals AS
SELECT o.id AS order_id,
       o.customer_id AS customer_id,
       o.status AS status,
       COUNT(i.line_no) AS item_count,
       SUM(i.quantity * i.unit_price) AS total
FROM orders o
JOIN order_items i ON i.order_id = o.id
GROUP BY o.id, o.customer_id, o.status;
