#include "harmwatch/store/migrations.h"

namespace harmwatch::store {

const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> kMigrations = {
      // 1: documents, events, incidents, merge log, corrections.
      R"sql(
CREATE TABLE documents (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,            -- of the original bytes
  text_sha256 TEXT NOT NULL,       -- of the normalized text: identity of a copy
  source TEXT, url TEXT, title TEXT, published TEXT, language TEXT,
  ingested_at TEXT NOT NULL,
  original BLOB NOT NULL,
  text TEXT NOT NULL,
  record_json TEXT NOT NULL,       -- the extracted record, evidence included
  minhash BLOB,                    -- near-duplicate signature
  copy_of TEXT REFERENCES documents(id),
  near_duplicate_of TEXT REFERENCES documents(id),
  similarity REAL
);
CREATE INDEX documents_text_sha256 ON documents(text_sha256);
CREATE VIRTUAL TABLE documents_fts USING fts5(text, content='documents', content_rowid='rowid');
CREATE TABLE doc_bands (
  band INTEGER NOT NULL,
  doc_id TEXT NOT NULL REFERENCES documents(id),
  PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);
CREATE TABLE events (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,         -- <doc_id>#<ordinal>
  doc_id TEXT NOT NULL REFERENCES documents(id),
  ordinal INTEGER NOT NULL,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  place TEXT, place_key TEXT, lat REAL, lon REAL, admin1 TEXT, admin2 TEXT, country TEXT,
  pcode TEXT, geonameid INTEGER, geo_precision INTEGER NOT NULL,
  date TEXT, day INTEGER, date_precision INTEGER NOT NULL,
  event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, actor1 TEXT, actor2 TEXT,
  civilian_targeting INTEGER NOT NULL, killed INTEGER, injured INTEGER,
  source TEXT, published TEXT, ingested_at TEXT NOT NULL,
  json TEXT NOT NULL               -- the event as extracted, with evidence
);
CREATE INDEX events_incident ON events(incident_id);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_place_key ON events(place_key);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_admin1 ON events(admin1 COLLATE NOCASE);
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat, min_day, max_day);
CREATE TABLE merges (
  id INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  event_id TEXT NOT NULL REFERENCES events(id),
  reason TEXT NOT NULL,
  at TEXT NOT NULL,
  undone_at TEXT
);
CREATE INDEX merges_incident ON merges(incident_id);
CREATE TABLE merge_blocks (
  event_id TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  PRIMARY KEY (event_id, incident_id)
) WITHOUT ROWID;
CREATE TABLE corrections (
  id INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  by_whom TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX corrections_incident ON corrections(incident_id);
)sql",
      // 2: each document's word set, which undated reports must share to merge.
      "ALTER TABLE documents ADD COLUMN terms BLOB;",
      // 3: name-key candidates by day: a range scan instead of every event of a city.
      "DROP INDEX events_place_key; CREATE INDEX events_place_key_day ON events(place_key, day);",
      // 4: each document's event places, which undated reports must share to merge.
      "ALTER TABLE documents ADD COLUMN places BLOB;",
      // 5: the web server's accounts, analysts' review verdicts and the log of who did
      // what (server/ reads and writes these; sessions live in memory).
      R"sql(
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'rejected')),
  by_whom TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX reviews_incident ON reviews(incident_id);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_target ON audit(target);
)sql",
  };
  return kMigrations;
}

}  // namespace harmwatch::store
