-- The change listener of every instance asks every 250 ms when the next scheduled episode falls due
-- (fm.catalog.common.cache.ChangeNotices). Over (status, published_at) that question skips every draft
-- with a date on the way: at 1,000,000 generated episodes, 15,000 index entries and 220 ms a time, often
-- more than the listener's one-second socket timeout, which then reconnects and empties the response
-- cache. Over this partial index the answer is its first entry.
create index episodes_due_idx on episodes (published_at) where status <> 'draft';
