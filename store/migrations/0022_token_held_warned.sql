-- Servers before this version logged the hold WARN right after journaling a
-- purchase's token_held line, and left no mark that they had. Servers from this
-- version mark the line (token_held_warned) once warned, and take an unmarked line
-- older than a minute for one whose server died before its WARN, warning of it again.
-- Every token_held line already journaled was warned of (or its server died before
-- the WARN, as before): marked warned here, so that the first look after the upgrade
-- does not warn of each held purchase again. The mark's detail says where it came from.
INSERT INTO purchase_events (purchase_id, seq, step, detail, at)
SELECT h.purchase_id,
       (SELECT MAX(e.seq) + 1 FROM purchase_events e WHERE e.purchase_id = h.purchase_id),
       'token_held_warned', 'migration 0022',
       strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000000Z'
FROM purchase_events h
WHERE h.step = 'token_held'
  AND NOT EXISTS (SELECT 1 FROM purchase_events w WHERE w.purchase_id = h.purchase_id AND w.step = 'token_held_warned')
GROUP BY h.purchase_id;
