"""The bilingual list layout: Japanese and English names of each partner, by area and
country headings."""
