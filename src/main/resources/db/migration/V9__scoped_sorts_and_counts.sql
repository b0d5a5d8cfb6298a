-- Every filter and sort of a list served by an index (docs/indexes.md lists each combination).

-- A show's episodes by every sort key (by publishedAt: episodes_show_published_idx, V1).
create index episodes_show_number_idx on episodes (show_id, number_sort, id);
create index episodes_show_title_idx on episodes (show_id, title, id);
create index episodes_show_updated_idx on episodes (show_id, updated_at, id);
