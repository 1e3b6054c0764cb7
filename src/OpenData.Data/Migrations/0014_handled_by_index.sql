-- The questions a ministry handles (handledBy: the ministry it was transferred to, else the one it was addressed to), in
-- date order: without an index of their own, a page of them walked the date index from the newest question and tested
-- each row (a past ministry's first page read most of the table: 0.7-2.2 s at 300,000 questions). Each import copies the
-- serving schema's indexes, so this one is built once here.
CREATE INDEX questions_handled_by ON opendata.questions ((coalesce(transfer_ministry_id, ministry_id)), published_at DESC, id DESC);
