/*
 * schema.sql.h - the numbered migrations, run in order at db_open().
 * Never edit a released migration: add a new one at the end.
 * Included only by db/db.c.
 */
static const char *const db_migrations[] = {
/* 1: everything a version-1 bundle carries, the import history, the logs. */
"CREATE TABLE imports("
"  id INTEGER PRIMARY KEY,"
"  issuer TEXT NOT NULL,"
"  sequence INTEGER NOT NULL,"
"  created TEXT,"                       /* the manifest's creation time */
"  imported_at TEXT NOT NULL,"          /* local time of the import */
"  forced INTEGER NOT NULL DEFAULT 0,"  /* 1 when staff forced a re-import */
"  source TEXT,"                        /* the bundle folder */
"  manifest_sha256 TEXT NOT NULL,"
"  operator TEXT,"                      /* gongkaictl or kiosk staff menu */
"  n_bulletins INTEGER NOT NULL DEFAULT 0, n_guides INTEGER NOT NULL DEFAULT 0,"
"  n_subsidies INTEGER NOT NULL DEFAULT 0, n_qa INTEGER NOT NULL DEFAULT 0,"
"  n_calendar INTEGER NOT NULL DEFAULT 0, n_replies INTEGER NOT NULL DEFAULT 0);"

"CREATE TABLE bulletins("
"  id INTEGER PRIMARY KEY,"
"  index_no TEXT NOT NULL UNIQUE,"      /* 索引号 */
"  category TEXT NOT NULL CHECK(category IN"
"    ('通知公告','政府公报','规范性文件','政策解读','公开指南','其他')),"
"  title TEXT NOT NULL,"
"  doc_no TEXT NOT NULL DEFAULT '',"     /* 文号 */
"  issuer TEXT NOT NULL,"               /* 发布机构 */
"  written TEXT NOT NULL DEFAULT '',"    /* 成文日期, ISO or '' */
"  published TEXT NOT NULL,"            /* 发布日期, ISO */
"  validity TEXT NOT NULL DEFAULT '' CHECK(validity IN ('','现行有效','失效','废止')),"
"  topic TEXT NOT NULL DEFAULT '',"      /* 主题 */
"  body TEXT NOT NULL,"
"  body_path TEXT NOT NULL,"
"  related TEXT NOT NULL DEFAULT '',"    /* 关联索引号 */
"  url TEXT NOT NULL DEFAULT '',"        /* 原文链接 */
"  title_py TEXT NOT NULL DEFAULT '',"   /* pinyin initials of the title */
"  import_id INTEGER NOT NULL REFERENCES imports(id));"
"CREATE INDEX bulletins_list ON bulletins(category, published DESC, id DESC);"
"CREATE INDEX bulletins_topic ON bulletins(category, topic, published DESC, id DESC);"
"CREATE INDEX bulletins_related ON bulletins(related) WHERE related <> '';"

"CREATE TABLE guides("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"          /* 编号 */
"  name TEXT NOT NULL,"                 /* 事项名称 */
"  agency TEXT NOT NULL,"               /* 实施主体 */
"  basis TEXT NOT NULL DEFAULT '', conditions TEXT NOT NULL DEFAULT '',"
"  materials TEXT NOT NULL DEFAULT '', process TEXT NOT NULL DEFAULT '',"
"  time_limit TEXT NOT NULL DEFAULT '', fees TEXT NOT NULL DEFAULT '',"
"  location TEXT NOT NULL DEFAULT '', hours TEXT NOT NULL DEFAULT '',"
"  phone TEXT NOT NULL DEFAULT '',"
"  name_py TEXT NOT NULL DEFAULT '');"

"CREATE TABLE subsidy_batches("
"  id INTEGER PRIMARY KEY,"
"  program TEXT NOT NULL,"              /* 补贴项目 */
"  year INTEGER NOT NULL,"              /* 年度 */
"  batch TEXT NOT NULL DEFAULT '',"     /* 批次, '' = one batch */
"  people INTEGER NOT NULL DEFAULT 0,"
"  total_fen INTEGER NOT NULL DEFAULT 0,"
"  import_id INTEGER NOT NULL REFERENCES imports(id),"
"  UNIQUE(program, year, batch));"

"CREATE TABLE subsidies("
"  id INTEGER PRIMARY KEY,"
"  batch_id INTEGER NOT NULL REFERENCES subsidy_batches(id) ON DELETE CASCADE,"
"  township TEXT NOT NULL,"             /* 乡镇 */
"  village TEXT NOT NULL,"              /* 村(社区) */
"  name TEXT NOT NULL,"                 /* 姓名 */
"  id_masked TEXT NOT NULL DEFAULT '',"  /* 前6位********后4位, never the full id */
"  id_tail TEXT NOT NULL DEFAULT '',"    /* last four of the id, to narrow common names */
"  basis TEXT NOT NULL DEFAULT '',"      /* 补贴依据 */
"  amount_fen INTEGER NOT NULL CHECK(amount_fen >= 0),"
"  paid_on TEXT NOT NULL DEFAULT '',"    /* 发放日期 */
"  fund_source TEXT NOT NULL DEFAULT '',"
"  account_masked TEXT NOT NULL DEFAULT '',"  /* ************5678, never the full number */
"  name_py TEXT NOT NULL DEFAULT '',"   /* pinyin-initials variants of the name, space-separated */
"  line INTEGER NOT NULL);"             /* row in the office's spreadsheet */
DB_SUBSIDIES_PLACE_INDEX ";"

/* Per batch/township/village sums, rebuilt for the batches an import replaces. */
"CREATE TABLE subsidy_totals("
"  batch_id INTEGER NOT NULL REFERENCES subsidy_batches(id) ON DELETE CASCADE,"
"  township TEXT NOT NULL,"
"  village TEXT NOT NULL,"              /* '' = the township's total */
"  people INTEGER NOT NULL,"
"  total_fen INTEGER NOT NULL,"
"  PRIMARY KEY(batch_id, township, village)) WITHOUT ROWID;"

"CREATE TABLE qa("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"          /* 编号 */
"  question TEXT NOT NULL,"
"  answer TEXT NOT NULL,"
"  keywords TEXT NOT NULL DEFAULT '',"
"  related TEXT NOT NULL DEFAULT '',"    /* 关联索引号 */
"  department TEXT NOT NULL DEFAULT '',"
"  answered_on TEXT NOT NULL DEFAULT '',"
"  question_py TEXT NOT NULL DEFAULT '');"

"CREATE TABLE calendar("
"  day TEXT PRIMARY KEY,"
"  kind TEXT NOT NULL CHECK(kind IN ('休息日','工作日'))) WITHOUT ROWID;"

/* Disclosure applications filed at this kiosk; personal data is sealed. */
"CREATE TABLE applications("
"  id INTEGER PRIMARY KEY,"
"  tracking_no TEXT NOT NULL UNIQUE,"   /* 受理编号 */
"  filed_at TEXT NOT NULL,"
"  due_on TEXT NOT NULL,"               /* statutory deadline, working days */
"  subject TEXT NOT NULL DEFAULT '',"    /* what is asked for, no personal data */
"  sealed BLOB,"                        /* crypto_box_seal of the personal data */
"  status TEXT NOT NULL DEFAULT '已提交',"
"  reply_on TEXT NOT NULL DEFAULT '',"
"  reply_type TEXT NOT NULL DEFAULT '',"
"  reply_note TEXT NOT NULL DEFAULT '',"
"  exported_at TEXT NOT NULL DEFAULT '');"

"CREATE TABLE replies("
"  id INTEGER PRIMARY KEY,"
"  tracking_no TEXT NOT NULL,"
"  status TEXT NOT NULL,"
"  reply_on TEXT NOT NULL DEFAULT '',"
"  reply_type TEXT NOT NULL DEFAULT '',"
"  note TEXT NOT NULL DEFAULT '',"
"  import_id INTEGER NOT NULL REFERENCES imports(id));"

"CREATE TABLE print_log("
"  id INTEGER PRIMARY KEY,"
"  at TEXT NOT NULL,"
"  kind TEXT NOT NULL,"                 /* 文件, 办事指南, 补贴名单, 测试页 */
"  title TEXT NOT NULL DEFAULT '',"
"  index_no TEXT NOT NULL DEFAULT '',"
"  pages INTEGER NOT NULL DEFAULT 0,"
"  result TEXT NOT NULL);"              /* 完成 / the error in words */

"CREATE TABLE usage_log("
"  day TEXT NOT NULL,"
"  what TEXT NOT NULL,"                 /* screen or action */
"  count INTEGER NOT NULL DEFAULT 0,"
"  PRIMARY KEY(day, what)) WITHOUT ROWID;"

/* Full-text indexes, tokenised by the gk tokenizer: one token per Hanzi, so
 * a phrase query of two characters finds them anywhere (db/tokenize.c). */
"CREATE VIRTUAL TABLE bulletins_fts USING fts5(title, doc_no, body,"
"  content='bulletins', content_rowid='id', tokenize='gk');"
"CREATE TRIGGER bulletins_ai AFTER INSERT ON bulletins BEGIN"
"  INSERT INTO bulletins_fts(rowid, title, doc_no, body) VALUES (new.id, new.title, new.doc_no, new.body);"
" END;"
"CREATE TRIGGER bulletins_ad AFTER DELETE ON bulletins BEGIN"
"  INSERT INTO bulletins_fts(bulletins_fts, rowid, title, doc_no, body)"
"    VALUES ('delete', old.id, old.title, old.doc_no, old.body);"
" END;"
"CREATE VIRTUAL TABLE guides_fts USING fts5(name, agency, body,"
"  content='', tokenize='gk');"
"CREATE VIRTUAL TABLE qa_fts USING fts5(question, answer, keywords,"
"  content='qa', content_rowid='id', tokenize='gk');"
"CREATE TRIGGER qa_ai AFTER INSERT ON qa BEGIN"
"  INSERT INTO qa_fts(rowid, question, answer, keywords) VALUES (new.id, new.question, new.answer, new.keywords);"
" END;"
"CREATE TRIGGER qa_ad AFTER DELETE ON qa BEGIN"
"  INSERT INTO qa_fts(qa_fts, rowid, question, answer, keywords)"
"    VALUES ('delete', old.id, old.question, old.answer, old.keywords);"
" END;"
,
/* 2: a villager's own lines by name (db/subsidy.c): every row of a name,
 * person by person (id_tail), with the batch in the index so a search
 * within a program or batch reads no row it does not show. The distinct
 * names, read from this index in order, are what the search matches. */
DB_SUBSIDIES_NAME_INDEX ";"
,
/* 3: applications as they are filed (db/apply.c). Nothing ever wrote the
 * table of migration 1, so it is replaced: the clock's start, extensions
 * and status are kept so deadlines can be recomputed on a new calendar;
 * personal data only sealed; the phone's last four only as a keyed hash.
 * Staff PIN failures and lock survive a restart (staff_lock). */
"DROP TABLE applications;"
"CREATE TABLE applications("
"  id INTEGER PRIMARY KEY,"
"  tracking_no TEXT NOT NULL UNIQUE,"   /* 受理编号 */
"  submitted_at TEXT NOT NULL,"         /* 提交时间 YYYY-MM-DD HH:MM:SS */
"  clock_from TEXT NOT NULL,"           /* the day the clock started: submission, or the 已受理 after 需补正 */
"  received_on TEXT NOT NULL,"          /* 收到日期: clock_from or the next working day */
"  extensions INTEGER NOT NULL DEFAULT 0," /* 延期答复 replies applied */
"  due_on TEXT NOT NULL DEFAULT '',"     /* 答复期限; '' while the clock is stopped */
"  applicant TEXT NOT NULL,"            /* 公民 or 法人或其他组织：<kind> */
"  applicant_col INTEGER NOT NULL,"     /* table 3 column 0..5 */
"  medium TEXT NOT NULL DEFAULT '',"     /* 提供方式 */
"  pickup TEXT NOT NULL DEFAULT '',"     /* 获取方式 */
"  by_staff INTEGER NOT NULL DEFAULT 0," /* 代为填写 */
"  phone_tag BLOB NOT NULL,"            /* keyed hash of 受理编号 and the phone's last four */
"  sealed BLOB NOT NULL,"               /* crypto_box_seal of apply_record() */
"  status TEXT NOT NULL DEFAULT '已提交',"
"  reply_on TEXT NOT NULL DEFAULT '',"
"  reply_type TEXT NOT NULL DEFAULT '',"
"  reply_sub TEXT NOT NULL DEFAULT '',"
"  reply_note TEXT NOT NULL DEFAULT '',"
"  closed_on TEXT NOT NULL DEFAULT '',"  /* 答复日期 of the 已答复 or 已撤回 row */
"  exported_at TEXT NOT NULL DEFAULT '');"
"CREATE TABLE app_counter("
"  day TEXT PRIMARY KEY,"               /* YYYYMMDD */
"  last INTEGER NOT NULL) WITHOUT ROWID;"
"ALTER TABLE replies ADD COLUMN reply_sub TEXT NOT NULL DEFAULT '';"
"CREATE INDEX replies_row ON replies(tracking_no, status, reply_on);"
"CREATE TABLE staff_lock("
"  id INTEGER PRIMARY KEY CHECK(id = 1),"
"  failures INTEGER NOT NULL DEFAULT 0," /* wrong PINs in a row */
"  locked_until INTEGER NOT NULL DEFAULT 0);" /* unix time; 0 = not locked */
,
/* 4: the consultation register (政策咨询登记, db/consult.c): the question
 * and phone only sealed, a per-day counter of its own so a 咨询编号 is
 * never reused; qa.csv's 登记编号 kept with the answer that carries it. */
"CREATE TABLE consultations("
"  id INTEGER PRIMARY KEY,"
"  consult_no TEXT NOT NULL UNIQUE,"    /* 咨询编号 */
"  registered_at TEXT NOT NULL,"        /* 登记时间 YYYY-MM-DD HH:MM:SS */
"  received_on TEXT NOT NULL,"          /* the day it counts as received */
"  due_on TEXT NOT NULL,"               /* 答复期限 */
"  sealed BLOB NOT NULL,"               /* crypto_box_seal of db_consult_record() */
"  exported_at TEXT NOT NULL DEFAULT '');"
"CREATE TABLE consult_counter("
"  day TEXT PRIMARY KEY,"               /* YYYYMMDD */
"  last INTEGER NOT NULL) WITHOUT ROWID;"
"ALTER TABLE qa ADD COLUMN consult_no TEXT NOT NULL DEFAULT '';" /* 登记编号 */
"CREATE INDEX qa_consult ON qa(consult_no) WHERE consult_no <> '';"
,
/* 5: search that ranks and everything published within reach (db/browse.c):
 * a full-text index of titles alone, so title matches of a word that fills
 * bodies are found without walking the body matches; 施行日期 and 有效期至
 * from bulletins.csv; the office's synonyms that widen a search. */
"CREATE VIRTUAL TABLE bulletins_tfts USING fts5(title,"
"  content='bulletins', content_rowid='id', tokenize='gk');"
"INSERT INTO bulletins_tfts(bulletins_tfts) VALUES ('rebuild');"
"CREATE TRIGGER bulletins_tai AFTER INSERT ON bulletins BEGIN"
"  INSERT INTO bulletins_tfts(rowid, title) VALUES (new.id, new.title);"
" END;"
"CREATE TRIGGER bulletins_tad AFTER DELETE ON bulletins BEGIN"
"  INSERT INTO bulletins_tfts(bulletins_tfts, rowid, title) VALUES ('delete', old.id, old.title);"
" END;"
"ALTER TABLE bulletins ADD COLUMN effective_on TEXT NOT NULL DEFAULT '';" /* 施行日期 */
"ALTER TABLE bulletins ADD COLUMN valid_until TEXT NOT NULL DEFAULT '';"  /* 有效期至 */
"CREATE TABLE synonyms("
"  word TEXT NOT NULL,"                 /* 词 */
"  synonym TEXT NOT NULL,"              /* 同义词 */
"  PRIMARY KEY(word, synonym)) WITHOUT ROWID;"
,
/* 6: the directory of public services (公共服务名录, db/directory.c), filled
 * from a bundle's directory.csv: schools, clinics, water, power, buses,
 * police by township, found by any two characters of the name, category,
 * address or township (gk tokenizer), or by the name's pinyin initials. */
"CREATE TABLE directory("
"  id INTEGER PRIMARY KEY,"
"  township TEXT NOT NULL,"             /* 乡镇 (街道) */
"  name TEXT NOT NULL,"                 /* 名称 */
"  category TEXT NOT NULL,"             /* 类别: 学校, 卫生院, 供水 ... */
"  address TEXT NOT NULL,"              /* 地址 */
"  hours TEXT NOT NULL DEFAULT '',"      /* 办公时间 */
"  phone TEXT NOT NULL DEFAULT '',"      /* 电话 */
"  note TEXT NOT NULL DEFAULT '',"       /* 备注 */
"  name_py TEXT NOT NULL DEFAULT '');"   /* pinyin initials of the name */
"CREATE INDEX directory_town ON directory(township, category, name, id);"
"CREATE VIRTUAL TABLE directory_fts USING fts5(name, category, address, township,"
"  content='directory', content_rowid='id', tokenize='gk');"
"CREATE TRIGGER directory_ai AFTER INSERT ON directory BEGIN"
"  INSERT INTO directory_fts(rowid, name, category, address, township)"
"    VALUES (new.id, new.name, new.category, new.address, new.township);"
" END;"
"CREATE TRIGGER directory_ad AFTER DELETE ON directory BEGIN"
"  INSERT INTO directory_fts(directory_fts, rowid, name, category, address, township)"
"    VALUES ('delete', old.id, old.name, old.category, old.address, old.township);"
" END;"
,
/* 7: the gk tokenizer indexes adjacent characters as bigrams too (db/
 * tokenize.c), so a phrase of common characters reads a short list: every
 * full-text index is built again with it. guides_fts keeps no content:
 * its rows are written again as store_guide_add writes them. */
"INSERT INTO bulletins_fts(bulletins_fts) VALUES ('rebuild');"
"INSERT INTO bulletins_tfts(bulletins_tfts) VALUES ('rebuild');"
"INSERT INTO qa_fts(qa_fts) VALUES ('rebuild');"
"INSERT INTO directory_fts(directory_fts) VALUES ('rebuild');"
"INSERT INTO guides_fts(guides_fts) VALUES ('delete-all');"
"INSERT INTO guides_fts(rowid, name, agency, body) SELECT id, name, agency,"
"  basis || char(10) || conditions || char(10) || materials || char(10) || process || char(10)"
"  || time_limit || char(10) || fees || char(10) || location || char(10) || hours || char(10)"
"  || phone || char(10) FROM guides;"
,
};
