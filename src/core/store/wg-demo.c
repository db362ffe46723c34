/* wg-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A deterministic synthetic county for demonstrations, tests and benchmarks:
 * Quwo's real townships at Quwo's real scale, with made-up villages, people
 * and records. Everything comes from one GRand seeded by the caller, drawn in
 * a fixed order, so one seed and one day give the same county every time.
 */

#define G_LOG_DOMAIN "wg-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-demo.h"
#include "wg-idnum.h"
#include "wg-store-private.h"
#include "wg-store-records.h"
#include "wg-store-returnees.h"
#include "wg-store-disinfection.h"
#include "wg-store-orders.h"
#include "wg-store-roster.h"
#include "wg-store-sites.h"
#include "wg-store-transfers.h"

typedef struct
{
  guint townships;
  guint villages;
  guint groups;
  guint micro_grids;
  guint households;
  guint away;               /* people away from home, expected */
  guint returnees;          /* returnees under health monitoring, expected */
  guint home_quarantine;    /* households in home quarantine, expected */
  guint sensors;            /* of those, with a door sensor (exactly, if enough) */
  guint room_sensors;       /* door sensors on occupied rooms at the sites, half at each */
  guint central;            /* people in central quarantine, expected */
  guint site_rooms[2];
} Spec;

/* Quwo's 200 door sensors: 180 on homes, 20 on rooms at the two sites. */
static const Spec spec_quwo = { 7, 120, 491, 3214, 49000, 1700, 600, 240, 180, 20, 86, { 120, 80 } };
static const Spec spec_small = { 2, 5, 12, 40, 400, 14, 10, 12, 6, 2, 6, { 20, 10 } };

static const char *const township_names[] = {
  "乐昌镇", "史村镇", "曲村镇", "高显镇", "里村镇", "杨谈乡", "北董乡",
};

/* 乐昌镇 is the county seat: its first villages are urban communities. */
#define COMMUNITIES_IN_SEAT 9

static const char *const village_first[] = {
  "东", "西", "南", "北", "上", "下", "前", "后", "大", "小", "高", "新", "杨", "王", "李",
  "张", "赵", "刘", "马", "韩", "许", "曲", "乐", "史", "白", "柳", "安", "吉", "郭", "贾",
  "武", "冯", "段", "侯", "裴", "席", "薛", "卫", "靳", "方", "周", "林", "槐", "杜", "兴",
};
static const char *const village_second[] = {
  "庄", "堡", "营", "坡", "沟", "河", "峪", "寨", "店", "头", "城", "阳", "里", "坊", "家",
  "韩", "梁", "桥", "王", "村", "曲", "庙", "坪", "湾", "集", "屯", "井", "原", "岭", "泉",
};
static const char *const community_names[] = {
  "府城", "凤城", "乐昌", "新城", "文化", "鑫源", "东城", "西城", "南关", "北关", "晋都",
};
static const char *const estate_names[] = {
  "阳光", "幸福", "和平", "锦绣", "华府", "春晖", "文苑", "康乐", "丽景", "金桥", "民安",
};
static const char *const ordinals[] = {
  "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
  "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
};

static const char *const surnames[] = {
  "王", "李", "张", "刘", "赵", "杨", "郭", "武", "贾", "韩", "梁", "冯", "范", "吴", "史",
  "卫", "段", "任", "薛", "闫", "柴", "乔", "靳", "郝", "侯", "陈", "孙", "马", "高", "田",
  "宋", "许", "程", "董", "崔", "温", "裴", "席", "常", "秦", "曹", "黄", "周", "徐", "胡",
};
static const char *const given_male[] = {
  "建", "国", "军", "伟", "强", "志", "明", "勇", "杰", "涛", "斌", "磊", "鹏", "华", "平",
  "刚", "亮", "海", "波", "峰", "林", "文", "兵", "龙", "超", "浩", "宇", "轩", "博", "俊",
  "晨", "凯", "锐", "辉", "东", "庆", "福", "喜", "忠", "德", "生", "安", "旺", "宝", "红",
};
static const char *const given_female[] = {
  "秀", "英", "兰", "芳", "丽", "娟", "敏", "静", "燕", "霞", "玲", "艳", "红", "梅", "琴",
  "云", "莉", "萍", "丹", "雪", "慧", "婷", "晶", "欣", "怡", "雨", "佳", "悦", "倩", "瑶",
  "彤", "馨", "琳", "月", "凤", "花", "珍", "霞", "荣", "爱",
};

/* Birth places: mostly Quwo, some elsewhere in Shanxi. */
static const char *const regions[] = {
  "141021", "141021", "141021", "141021", "141021", "141021", "141021", "141021",
  "140105", "141002", "141024", "141023", "140802",
};

static const struct
{
  const char *place;
  int risk;
} places[] = {
  { "太原市小店区", 0 }, { "临汾市尧都区", 0 }, { "运城市盐湖区", 0 }, { "西安市雁塔区", 1 },
  { "北京市朝阳区", 1 }, { "上海市浦东新区", 2 }, { "郑州市金水区", 1 }, { "石家庄市长安区", 2 },
  { "呼和浩特市新城区", 1 }, { "广州市白云区", 2 }, { "深圳市宝安区", 0 }, { "天津市河西区", 0 },
  { "成都市武侯区", 0 }, { "乌鲁木齐市天山区", 2 }, { "晋中市榆次区", 0 }, { "长治市潞州区", 0 },
};

static const char *const vaccines[] = {
  "新冠病毒灭活疫苗（Vero细胞）北京生物", "新冠病毒灭活疫苗（Vero细胞）科兴中维",
  "重组新冠病毒蛋白疫苗（CHO细胞）智飞龙科马", "新冠病毒灭活疫苗（Vero细胞）武汉生物",
};
static const char *const vaccination_sites[] = {
  "曲沃县人民医院接种点", "乐昌镇卫生院接种点", "史村镇卫生院接种点", "曲村镇卫生院接种点",
};
static const char *const laboratories[] = {
  "曲沃县人民医院", "曲沃县疾病预防控制中心", "临汾市第四人民医院", "华大基因临汾实验室",
};

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

typedef struct
{
  WgStore *store;
  GRand *rand;
  guint32 seed;
  const Spec *spec;
  GDate today;
  double persons_expected;

  GHashTable *id_numbers; /* owned strings, set */
  GHashTable *codes;      /* owned strings, set */
  GHashTable *names;      /* village names used: owned strings, set */

  /* Households under home quarantine, for the sensors. */
  GArray *quarantined_households;
  guint central_placed[2];
  gint64 site_ids[2];
  GArray *room_ids[2];    /* each site's rooms, in the order they are filled */

  guint n_households;
  guint n_staff;

  WgProgressFunc progress;
  gpointer progress_data;
} Demo;

typedef struct
{
  gint64 id;
  const char *code; /* borrowed from the caller's buffer */
  const char *name;
  const char *path; /* township + village + group, for addresses */
  gint64 worker_staff_id;
} GridRef;

static guint
pick (Demo  *demo,
      guint  n)
{
  return g_rand_int_range (demo->rand, 0, n);
}

static gboolean
chance (Demo   *demo,
        double  p)
{
  return g_rand_double (demo->rand) < p;
}

/* Splits @total into @n parts of at least @min each, at random. */
static guint *
distribute (Demo  *demo,
            guint  total,
            guint  n,
            guint  min)
{
  guint *parts = g_new (guint, n);

  g_assert (n > 0 && total >= n * min);

  for (guint i = 0; i < n; i++)
    parts[i] = min;
  for (guint left = total - n * min; left > 0; left--)
    parts[pick (demo, n)]++;
  return parts;
}

static void
day_string (const GDate *date,
            char         buf[11])
{
  g_snprintf (buf, 11, "%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
}

static void
day_offset (Demo  *demo,
            int    days,
            GDate *out)
{
  *out = demo->today;
  if (days >= 0)
    g_date_add_days (out, days);
  else
    g_date_subtract_days (out, -days);
}

static void
make_phone (Demo *demo,
            char  buf[12])
{
  static const char *const prefixes[] = { "13", "15", "17", "18", "19", "13", "15", "18" };

  g_snprintf (buf, 12, "%s%u%08u", prefixes[pick (demo, G_N_ELEMENTS (prefixes))],
              pick (demo, 10), pick (demo, 100000000));
}

static char *
make_name (Demo       *demo,
           const char *surname,
           int         sex)
{
  const char *const *pool = sex == 1 ? given_male : given_female;
  guint n = sex == 1 ? G_N_ELEMENTS (given_male) : G_N_ELEMENTS (given_female);

  if (surname == NULL)
    surname = surnames[pick (demo, G_N_ELEMENTS (surnames))];

  /* About a quarter of names have a one-character given name (王芳). */
  if (chance (demo, 0.25))
    return g_strconcat (surname, pool[pick (demo, n)], NULL);
  return g_strconcat (surname, pool[pick (demo, n)], pool[pick (demo, n)], NULL);
}

static void
make_id_number (Demo  *demo,
                int    age,
                int    sex,
                char   buf[19],
                char   birth[11])
{
  for (;;)
    {
      GDate date;
      guint seq;

      day_offset (demo, -(age * 365 + (int) pick (demo, 365)) - age / 4, &date);
      seq = pick (demo, 500) * 2 + (sex == 1 ? 1 : 0);
      g_snprintf (buf, 19, "%s%04u%02u%02u%03u", regions[pick (demo, G_N_ELEMENTS (regions))],
                  g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), seq);
      buf[17] = wg_id_number_check_digit (buf);
      buf[18] = '\0';

      if (!g_hash_table_contains (demo->id_numbers, buf))
        {
          g_hash_table_add (demo->id_numbers, g_strdup (buf));
          day_string (&date, birth);
          return;
        }
    }
}

static void
make_household_code (Demo *demo,
                     char  buf[11])
{
  do
    {
      for (guint i = 0; i < 10; i++)
        buf[i] = crockford[pick (demo, 32)];
      buf[10] = '\0';
    }
  while (g_hash_table_contains (demo->codes, buf));
  g_hash_table_add (demo->codes, g_strdup (buf));
}

static gint64
insert_grid (Demo        *demo,
             gint64       parent_id,
             int          level,
             const char  *code,
             const char  *name,
             int          position,
             GError     **error)
{
  static const char sql[] =
    "INSERT INTO grid (parent_id, level, code, name, position) VALUES (?, ?, ?, ?, ?)";
  WgStmt *stmt = wg_store_prepare (demo->store, sql, error);

  if (stmt == NULL)
    return 0;
  if (parent_id > 0)
    wg_stmt_bind_int64 (stmt, 1, parent_id);
  wg_stmt_bind_int (stmt, 2, level);
  wg_stmt_bind_text_static (stmt, 3, code);
  wg_stmt_bind_text_static (stmt, 4, name);
  wg_stmt_bind_int (stmt, 5, position);
  if (!wg_store_step_done (demo->store, stmt, error))
    return 0;
  return wg_store_last_insert_id (demo->store);
}

/* A staff member on @grid_id; @person_id links a resident who is also staff. */
static gint64
insert_staff (Demo        *demo,
              gint64       grid_id,
              WgStaffRole  role,
              const char  *name,
              gint64       person_id,
              GError     **error)
{
  static const char staff_sql[] = "INSERT INTO staff (name, phone, person_id) VALUES (?, ?, ?)";
  static const char role_sql[] = "INSERT INTO grid_staff (grid_id, staff_id, role) VALUES (?, ?, ?)";
  g_autofree char *made_name = NULL;
  WgStmt *stmt;
  char phone[12];
  gint64 staff_id;

  if (name == NULL)
    name = made_name = make_name (demo, NULL, chance (demo, 0.6) ? 1 : 2);
  make_phone (demo, phone);

  if (!(stmt = wg_store_prepare (demo->store, staff_sql, error)))
    return 0;
  wg_stmt_bind_text_static (stmt, 1, name);
  wg_stmt_bind_text_static (stmt, 2, phone);
  if (person_id > 0)
    wg_stmt_bind_int64 (stmt, 3, person_id);
  if (!wg_store_step_done (demo->store, stmt, error))
    return 0;
  staff_id = wg_store_last_insert_id (demo->store);

  if (!(stmt = wg_store_prepare (demo->store, role_sql, error)))
    return 0;
  wg_stmt_bind_int64 (stmt, 1, grid_id);
  wg_stmt_bind_int64 (stmt, 2, staff_id);
  wg_stmt_bind_int (stmt, 3, role);
  if (!wg_store_step_done (demo->store, stmt, error))
    return 0;

  demo->n_staff++;
  return staff_id;
}

static gboolean
insert_health_codes (Demo        *demo,
                     gint64       person_id,
                     const GDate *from,
                     WgHealthCode colour,
                     GError     **error)
{
  static const char sql[] = "INSERT INTO health_code (person_id, day, colour) VALUES (?, ?, ?)";
  GDate day = *from;

  for (; g_date_compare (&day, &demo->today) <= 0; g_date_add_days (&day, 1))
    {
      WgStmt *stmt = wg_store_prepare (demo->store, sql, error);
      char buf[11];

      if (stmt == NULL)
        return FALSE;
      day_string (&day, buf);
      wg_stmt_bind_int64 (stmt, 1, person_id);
      wg_stmt_bind_text_static (stmt, 2, buf);
      wg_stmt_bind_int (stmt, 3, colour);
      if (!wg_store_step_done (demo->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_itinerary (Demo        *demo,
                  gint64       person_id,
                  const GDate *returned,
                  gboolean     risky,
                  GError     **error)
{
  static const char sql[] =
    "INSERT INTO itinerary (person_id, place, arrived_on, left_on, risk) VALUES (?, ?, ?, ?, ?)";
  guint stops = 1 + pick (demo, 3);
  GDate left = *returned;

  /* Walk back in time from the day of return. */
  for (guint i = 0; i < stops; i++)
    {
      WgStmt *stmt = wg_store_prepare (demo->store, sql, error);
      guint p = pick (demo, G_N_ELEMENTS (places));
      GDate arrived = left;
      char a[11], l[11];

      if (stmt == NULL)
        return FALSE;
      if (i == 0 && risky)
        while (places[p].risk == 0)
          p = pick (demo, G_N_ELEMENTS (places));

      g_date_subtract_days (&arrived, 2 + pick (demo, 20));
      day_string (&arrived, a);
      day_string (&left, l);
      wg_stmt_bind_int64 (stmt, 1, person_id);
      wg_stmt_bind_text_static (stmt, 2, places[p].place);
      wg_stmt_bind_text_static (stmt, 3, a);
      wg_stmt_bind_text_static (stmt, 4, l);
      wg_stmt_bind_int (stmt, 5, places[p].risk);
      if (!wg_store_step_done (demo->store, stmt, error))
        return FALSE;

      left = arrived;
      g_date_subtract_days (&left, 1);
    }
  return TRUE;
}

static gboolean
insert_vaccinations (Demo    *demo,
                     gint64   person_id,
                     GError **error)
{
  static const char sql[] =
    "INSERT INTO vaccination (person_id, dose, given_on, product, batch, site)"
    " VALUES (?, ?, ?, ?, ?, ?)";
  guint doses = pick (demo, 4);
  guint product = pick (demo, G_N_ELEMENTS (vaccines));
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1 + pick (demo, 28), 3 + pick (demo, 6), 2021);

  for (guint dose = 1; dose <= doses; dose++)
    {
      WgStmt *stmt = wg_store_prepare (demo->store, sql, error);
      char d[11];
      char batch[16];

      if (stmt == NULL)
        return FALSE;
      if (g_date_compare (&day, &demo->today) > 0)
        break;
      day_string (&day, d);
      g_snprintf (batch, sizeof batch, "%04u%06u", g_date_get_year (&day), pick (demo, 1000000));
      wg_stmt_bind_int64 (stmt, 1, person_id);
      wg_stmt_bind_int (stmt, 2, dose);
      wg_stmt_bind_text_static (stmt, 3, d);
      wg_stmt_bind_text_static (stmt, 4, vaccines[product]);
      wg_stmt_bind_text_static (stmt, 5, batch);
      wg_stmt_bind_text_static (stmt, 6, vaccination_sites[pick (demo, G_N_ELEMENTS (vaccination_sites))]);
      if (!wg_store_step_done (demo->store, stmt, error))
        return FALSE;
      g_date_add_days (&day, dose == 1 ? 28 + pick (demo, 30) : 180 + pick (demo, 90));
    }
  return TRUE;
}

/* Nucleic-acid tests every @every days from @from; today's is still pending. */
static gboolean
insert_nat_tests (Demo        *demo,
                  gint64       person_id,
                  const GDate *from,
                  guint        every,
                  int          tube,
                  GError     **error)
{
  static const char sql[] =
    "INSERT INTO nat_test (person_id, sampled_at, institution, tube, result) VALUES (?, ?, ?, ?, ?)";
  GDate day = *from;

  for (; g_date_compare (&day, &demo->today) <= 0; g_date_add_days (&day, every))
    {
      WgStmt *stmt = wg_store_prepare (demo->store, sql, error);
      gboolean is_today = g_date_compare (&day, &demo->today) == 0;
      char d[11];
      char at[20];

      if (stmt == NULL)
        return FALSE;
      day_string (&day, d);
      g_snprintf (at, sizeof at, "%s %02u:%02u:00", d, 8 + pick (demo, 3), pick (demo, 60));
      wg_stmt_bind_int64 (stmt, 1, person_id);
      wg_stmt_bind_text_static (stmt, 2, at);
      wg_stmt_bind_text_static (stmt, 3, laboratories[pick (demo, G_N_ELEMENTS (laboratories))]);
      wg_stmt_bind_int (stmt, 4, tube);
      wg_stmt_bind_int (stmt, 5, is_today ? WG_NAT_RESULT_PENDING : WG_NAT_RESULT_NEGATIVE);
      if (!wg_store_step_done (demo->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Temperatures twice a day from @from: the morning and the afternoon round. */
static gboolean
insert_temperatures (Demo        *demo,
                     gint64       person_id,
                     const GDate *from,
                     gint64       staff_id,
                     GError     **error)
{
  static const char sql[] =
    "INSERT INTO temperature (person_id, measured_at, tenths, staff_id) VALUES (?, ?, ?, ?)";
  GDate day = *from;

  for (; g_date_compare (&day, &demo->today) <= 0; g_date_add_days (&day, 1))
    {
      gboolean is_today = g_date_compare (&day, &demo->today) == 0;

      for (guint round = 0; round < (is_today ? 1u : 2u); round++)
        {
          WgStmt *stmt = wg_store_prepare (demo->store, sql, error);
          int tenths = 360 + pick (demo, 13);
          char d[11];
          char at[20];

          if (stmt == NULL)
            return FALSE;
          if (chance (demo, 0.015))
            tenths = WG_FEVER_TENTHS + pick (demo, 13);
          day_string (&day, d);
          g_snprintf (at, sizeof at, "%s %02u:%02u:00", d, (round == 0 ? 8 : 15) + pick (demo, 2),
                      pick (demo, 60));
          wg_stmt_bind_int64 (stmt, 1, person_id);
          wg_stmt_bind_text_static (stmt, 2, at);
          wg_stmt_bind_int (stmt, 3, tenths);
          if (staff_id > 0)
            wg_stmt_bind_int64 (stmt, 4, staff_id);
          if (!wg_store_step_done (demo->store, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A central quarantine's stay in its room: checked in on its first day if
 * that has come, checked out on its last if that has passed. */
static gboolean
insert_stay (Demo        *demo,
             gint64       person_id,
             gint64       quarantine_id,
             gint64       room_id,
             const GDate *start,
             const GDate *end,
             GError     **error)
{
  static const char sql[] =
    "INSERT INTO room_stay (room_id, person_id, quarantine_id, from_day, to_day, checked_in_at, checked_out_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
  WgStmt *stmt = wg_store_prepare (demo->store, sql, error);
  char s[11], e[11], in[20], out[20];

  if (stmt == NULL)
    return FALSE;
  day_string (start, s);
  day_string (end, e);
  wg_stmt_bind_int64 (stmt, 1, room_id);
  wg_stmt_bind_int64 (stmt, 2, person_id);
  wg_stmt_bind_int64 (stmt, 3, quarantine_id);
  wg_stmt_bind_text_static (stmt, 4, s);
  wg_stmt_bind_text_static (stmt, 5, e);
  if (g_date_compare (start, &demo->today) <= 0)
    {
      g_snprintf (in, sizeof in, "%s %02u:%02u:00", s, 9 + pick (demo, 10), pick (demo, 60));
      wg_stmt_bind_text_static (stmt, 6, in);
    }
  if (g_date_compare (end, &demo->today) < 0)
    {
      g_snprintf (out, sizeof out, "%s %02u:%02u:00", e, 19 + pick (demo, 3), pick (demo, 60));
      wg_stmt_bind_text_static (stmt, 7, out);
    }
  return wg_store_step_done (demo->store, stmt, error);
}

static gboolean
insert_quarantine (Demo        *demo,
                   gint64       person_id,
                   int          kind,
                   guint        site,
                   const GDate *start,
                   guint        days,
                   gint64       staff_id,
                   GError     **error)
{
  static const char sql[] =
    "INSERT INTO quarantine (person_id, kind, site_id, room, start_day, end_day, staff_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
  WgStmt *stmt = wg_store_prepare (demo->store, sql, error);
  GDate end = *start;
  char s[11], e[11], room[8];

  if (stmt == NULL)
    return FALSE;
  g_date_add_days (&end, days - 1);
  day_string (start, s);
  day_string (&end, e);
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_int (stmt, 2, kind);
  if (kind == WG_QUARANTINE_KIND_CENTRAL)
    {
      guint n = ++demo->central_placed[site];

      g_snprintf (room, sizeof room, "%u%02u", 1 + (n - 1) / 20, 1 + (n - 1) % 20);
      wg_stmt_bind_int64 (stmt, 3, demo->site_ids[site]);
      wg_stmt_bind_text_static (stmt, 4, room);
    }
  wg_stmt_bind_text_static (stmt, 5, s);
  wg_stmt_bind_text_static (stmt, 6, e);
  if (staff_id > 0)
    wg_stmt_bind_int64 (stmt, 7, staff_id);
  if (!wg_store_step_done (demo->store, stmt, error))
    return FALSE;
  if (kind == WG_QUARANTINE_KIND_CENTRAL)
    return insert_stay (demo, person_id, wg_store_last_insert_id (demo->store),
                        g_array_index (demo->room_ids[site], gint64, demo->central_placed[site] - 1), start, &end,
                        error);
  return TRUE;
}

typedef struct
{
  int age;
  int sex;
  const char *relation;
  const char *surname; /* NULL: any */
} Member;

/* The people of one household: a head, a spouse, children and perhaps a parent. */
static guint
plan_members (Demo   *demo,
              Member *members,
              char   *head_surname)
{
  static const guint sizes[] = { 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 6 };
  guint n = sizes[pick (demo, G_N_ELEMENTS (sizes))];
  int head_age = 26 + pick (demo, 52);
  guint i = 0;

  strcpy (head_surname, surnames[pick (demo, G_N_ELEMENTS (surnames))]);

  members[i++] = (Member) { head_age, chance (demo, 0.82) ? 1 : 2, "户主", head_surname };
  if (n >= 2)
    members[i++] = (Member) { MAX (20, head_age - 5 + (int) pick (demo, 10)),
                              members[0].sex == 1 ? 2 : 1, "配偶", NULL };
  if (n >= 5 && head_age < 55)
    members[i++] = (Member) { head_age + 24 + (int) pick (demo, 8), chance (demo, 0.5) ? 1 : 2,
                              "父母", head_surname };
  while (i < n)
    {
      int age = head_age - 22 - (int) pick (demo, 14);
      gboolean grandchild = age < 0 || (head_age > 60 && chance (demo, 0.4));

      if (grandchild)
        age = pick (demo, 12);
      members[i++] = (Member) { MAX (0, age), chance (demo, 0.52) ? 1 : 2,
                                grandchild ? "孙子女" : "子女", head_surname };
    }
  return n;
}

static gboolean
build_household (Demo          *demo,
                 const GridRef *micro,
                 guint          number,
                 gint64        *first_person_id,
                 GError       **error)
{
  static const char household_sql[] =
    "INSERT INTO household (grid_id, code, address) VALUES (?, ?, ?)";
  static const char head_sql[] = "UPDATE household SET head_id = ? WHERE id = ?";
  static const char person_sql[] =
    "INSERT INTO person (household_id, id_number, name, sex, birth_date, phone, relation,"
    " residency, away_place, returned_on, monitoring) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  const Spec *spec = demo->spec;
  Member members[8];
  char head_surname[8];
  char code[11];
  g_autofree char *address = NULL;
  WgStmt *stmt;
  gint64 household_id;
  gint64 head_id = 0;
  guint n;
  GDate quarantine_start;
  gboolean home_quarantine;
  guint central_site = G_MAXUINT;

  make_household_code (demo, code);
  address = g_strdup_printf ("%s%u号", micro->path, number);

  if (!(stmt = wg_store_prepare (demo->store, household_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, micro->id);
  wg_stmt_bind_text_static (stmt, 2, code);
  wg_stmt_bind_text_static (stmt, 3, address);
  if (!wg_store_step_done (demo->store, stmt, error))
    return FALSE;
  household_id = wg_store_last_insert_id (demo->store);
  demo->n_households++;

  n = plan_members (demo, members, head_surname);

  /* A household in home quarantine: a member came back from a risk area. */
  home_quarantine = chance (demo, (double) spec->home_quarantine / spec->households);
  day_offset (demo, -(int) pick (demo, 14), &quarantine_start);
  if (home_quarantine)
    g_array_append_val (demo->quarantined_households, household_id);

  for (guint i = 0; i < n; i++)
    {
      const Member *m = &members[i];
      g_autofree char *name = make_name (demo, m->surname, m->sex);
      char id_number[19], birth[11], phone[12], returned[11];
      int residency = WG_RESIDENCY_HOME;
      const char *away_place = NULL;
      gboolean monitoring = FALSE;
      gboolean has_phone = m->age >= 14 && m->age <= 78 && chance (demo, 0.9);
      gboolean central = FALSE;
      gboolean in_quarantine = FALSE;
      gint64 person_id;
      GDate returned_on = demo->today;

      make_id_number (demo, m->age, m->sex, id_number, birth);
      if (has_phone)
        make_phone (demo, phone);

      if (m->age >= 18 && m->age <= 55 && !home_quarantine &&
          chance (demo, 1.85 * spec->away / demo->persons_expected))
        {
          residency = WG_RESIDENCY_AWAY;
          away_place = places[pick (demo, G_N_ELEMENTS (places))].place;
        }
      else if (!home_quarantine && m->age >= 16 && m->age <= 65 &&
               chance (demo, 2.0 * spec->returnees / demo->persons_expected))
        {
          residency = WG_RESIDENCY_RETURNEE;
          monitoring = TRUE;
          day_offset (demo, -(int) pick (demo, 14), &returned_on);
        }
      else if (!home_quarantine && m->age >= 16 && chance (demo, 1.2 * spec->central / demo->persons_expected))
        {
          residency = WG_RESIDENCY_RETURNEE;
          central = TRUE;
          /* Fill the sites in proportion to their rooms. */
          central_site = chance (demo, (double) spec->site_rooms[0] /
                                         (spec->site_rooms[0] + spec->site_rooms[1])) ? 0 : 1;
          if (demo->central_placed[central_site] >= spec->site_rooms[central_site])
            central_site = 1 - central_site;
          if (demo->central_placed[central_site] >= spec->site_rooms[central_site])
            {
              central = FALSE;
              monitoring = TRUE;
            }
          day_offset (demo, -(int) pick (demo, 7), &returned_on);
        }

      /* The returnee is quarantined at home; those living with them mostly too,
       * the others are under health monitoring. */
      if (home_quarantine && i == 0)
        {
          residency = WG_RESIDENCY_RETURNEE;
          returned_on = quarantine_start;
          in_quarantine = TRUE;
        }
      else if (home_quarantine)
        {
          in_quarantine = chance (demo, 0.5);
          monitoring = !in_quarantine;
        }

      if (!(stmt = wg_store_prepare (demo->store, person_sql, error)))
        return FALSE;
      wg_stmt_bind_int64 (stmt, 1, household_id);
      wg_stmt_bind_text_static (stmt, 2, id_number);
      wg_stmt_bind_text_static (stmt, 3, name);
      wg_stmt_bind_int (stmt, 4, m->sex);
      wg_stmt_bind_text_static (stmt, 5, birth);
      if (has_phone)
        wg_stmt_bind_text_static (stmt, 6, phone);
      wg_stmt_bind_text_static (stmt, 7, m->relation);
      wg_stmt_bind_int (stmt, 8, residency);
      if (away_place != NULL)
        wg_stmt_bind_text_static (stmt, 9, away_place);
      if (residency == WG_RESIDENCY_RETURNEE)
        {
          day_string (&returned_on, returned);
          wg_stmt_bind_text_static (stmt, 10, returned);
        }
      wg_stmt_bind_int (stmt, 11, monitoring);
      if (!wg_store_step_done (demo->store, stmt, error))
        return FALSE;
      person_id = wg_store_last_insert_id (demo->store);

      if (i == 0)
        head_id = person_id;
      if (first_person_id != NULL && *first_person_id == 0)
        *first_person_id = person_id;

      /* Records for everyone under watch. */
      if (in_quarantine || central || monitoring)
        {
          const GDate *from = home_quarantine ? &quarantine_start : &returned_on;
          WgHealthCode colour = in_quarantine || central ? WG_HEALTH_CODE_YELLOW
                                                        : WG_HEALTH_CODE_GREEN;

          if (home_quarantine && in_quarantine &&
              !insert_quarantine (demo, person_id, WG_QUARANTINE_KIND_HOME, 0, &quarantine_start, 14,
                                  micro->worker_staff_id, error))
            return FALSE;
          if (central &&
              !insert_quarantine (demo, person_id, WG_QUARANTINE_KIND_CENTRAL, central_site,
                                  &returned_on, 7, micro->worker_staff_id, error))
            return FALSE;
          if (!insert_health_codes (demo, person_id, from, colour, error) ||
              ((i == 0 || !home_quarantine) &&
               !insert_itinerary (demo, person_id, from, in_quarantine || central, error)) ||
              !insert_vaccinations (demo, person_id, error) ||
              !insert_nat_tests (demo, person_id, from, monitoring ? 3 : 2, monitoring ? 2 : 1,
                                 error) ||
              !insert_temperatures (demo, person_id, from, micro->worker_staff_id, error))
            return FALSE;
        }
    }

  if (!(stmt = wg_store_prepare (demo->store, head_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, head_id);
  wg_stmt_bind_int64 (stmt, 2, household_id);
  return wg_store_step_done (demo->store, stmt, error);
}

static char *
make_village_name (Demo     *demo,
                   gboolean  community)
{
  for (;;)
    {
      char *name;

      if (community)
        name = g_strconcat (community_names[pick (demo, G_N_ELEMENTS (community_names))],
                            "社区", NULL);
      else
        name = g_strconcat (village_first[pick (demo, G_N_ELEMENTS (village_first))],
                            village_second[pick (demo, G_N_ELEMENTS (village_second))], "村",
                            NULL);
      if (!g_hash_table_contains (demo->names, name))
        {
          g_hash_table_add (demo->names, g_strdup (name));
          return name;
        }
      g_free (name);
    }
}

/* The site's rooms, twenty to a floor from the first; every tenth a
 * family room for two. */
static gboolean
insert_rooms (Demo    *demo,
              guint    site,
              GError **error)
{
  static const char sql[] = "INSERT INTO site_room (site_id, number, floor, capacity) VALUES (?, ?, ?, ?)";

  demo->room_ids[site] = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint n = 1; n <= demo->spec->site_rooms[site]; n++)
    {
      WgStmt *stmt = wg_store_prepare (demo->store, sql, error);
      guint floor = 1 + (n - 1) / 20;
      char number[8];
      gint64 id;

      if (stmt == NULL)
        return FALSE;
      g_snprintf (number, sizeof number, "%u%02u", floor, 1 + (n - 1) % 20);
      wg_stmt_bind_int64 (stmt, 1, demo->site_ids[site]);
      wg_stmt_bind_text_static (stmt, 2, number);
      wg_stmt_bind_int (stmt, 3, floor);
      wg_stmt_bind_int (stmt, 4, n % 10 == 0 ? 2 : 1);
      if (!wg_store_step_done (demo->store, stmt, error))
        return FALSE;
      id = wg_store_last_insert_id (demo->store);
      g_array_append_val (demo->room_ids[site], id);
    }
  return TRUE;
}

static gboolean
insert_sites (Demo    *demo,
              GError **error)
{
  static const char sql[] =
    "INSERT INTO quarantine_site (name, address, rooms, phone) VALUES (?, ?, ?, ?)";
  static const char *const names[] = { "曲沃县第一集中隔离点", "曲沃县第二集中隔离点" };
  static const char *const addresses[] = { "曲沃县乐昌镇迎宾路18号（晋都宾馆）",
                                           "曲沃县史村镇工业园区3号（职教中心宿舍楼）" };
  static const char *const phones[] = { "0357-5221001", "0357-5221002" };

  for (guint i = 0; i < 2; i++)
    {
      WgStmt *stmt = wg_store_prepare (demo->store, sql, error);

      if (stmt == NULL)
        return FALSE;
      wg_stmt_bind_text_static (stmt, 1, names[i]);
      wg_stmt_bind_text_static (stmt, 2, addresses[i]);
      wg_stmt_bind_int (stmt, 3, demo->spec->site_rooms[i]);
      wg_stmt_bind_text_static (stmt, 4, phones[i]);
      if (!wg_store_step_done (demo->store, stmt, error))
        return FALSE;
      demo->site_ids[i] = wg_store_last_insert_id (demo->store);
      if (!insert_rooms (demo, i, error))
        return FALSE;
    }
  return TRUE;
}

/* Door sensors on rooms occupied today, half at each site. */
static gboolean
insert_room_sensors (Demo    *demo,
                     GError **error)
{
  static const char rooms_sql[] =
    "SELECT r.id FROM site_room r WHERE r.site_id = ?2"
    "   AND EXISTS (SELECT 1 FROM room_stay st WHERE st.room_id = r.id AND st.from_day <= ?1 AND st.to_day >= ?1"
    "                AND st.checked_in_at IS NOT NULL AND st.checked_out_at IS NULL)"
    " ORDER BY r.id LIMIT ?3";
  static const char sql[] = "INSERT INTO sensor (device, room_id, model, battery) VALUES (?, ?, ?, ?)";
  char today[11];

  day_string (&demo->today, today);
  for (guint site = 0; site < 2; site++)
    {
      g_autoptr(GArray) rooms = g_array_new (FALSE, FALSE, sizeof (gint64));
      WgStmt *stmt = wg_store_prepare (demo->store, rooms_sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      wg_stmt_bind_text (stmt, 1, today);
      wg_stmt_bind_int64 (stmt, 2, demo->site_ids[site]);
      wg_stmt_bind_int (stmt, 3, (demo->spec->room_sensors + 1 - site) / 2);
      while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
        {
          gint64 id = wg_stmt_column_int64 (stmt, 0);

          g_array_append_val (rooms, id);
        }
      wg_stmt_reset (stmt);
      if (rc != WG_STMT_DONE)
        {
          wg_store_set_error (demo->store, rc, error);
          return FALSE;
        }
      for (guint i = 0; i < rooms->len; i++)
        {
          char device[19];

          g_snprintf (device, sizeof device, "0x00158d%02x%08x", pick (demo, 256), g_rand_int (demo->rand));
          if (!(stmt = wg_store_prepare (demo->store, sql, error)))
            return FALSE;
          wg_stmt_bind_text_static (stmt, 1, device);
          wg_stmt_bind_int64 (stmt, 2, g_array_index (rooms, gint64, i));
          wg_stmt_bind_text_static (stmt, 3, "MCCGQ11LM");
          wg_stmt_bind_int (stmt, 4, 35 + pick (demo, 66));
          if (!wg_store_step_done (demo->store, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Door sensors on exactly spec->sensors of the home-quarantined households. */
static gboolean
insert_sensors (Demo    *demo,
                GError **error)
{
  static const char sql[] =
    "INSERT INTO sensor (device, household_id, model, battery) VALUES (?, ?, ?, ?)";
  GArray *homes = demo->quarantined_households;
  guint n = MIN (demo->spec->sensors, homes->len);

  for (guint i = 0; i < n; i++)
    {
      guint j = i + pick (demo, homes->len - i);
      gint64 tmp = g_array_index (homes, gint64, i);
      WgStmt *stmt;
      char device[19];

      g_array_index (homes, gint64, i) = g_array_index (homes, gint64, j);
      g_array_index (homes, gint64, j) = tmp;

      g_snprintf (device, sizeof device, "0x00158d%02x%08x", pick (demo, 256),
                  g_rand_int (demo->rand));
      if (!(stmt = wg_store_prepare (demo->store, sql, error)))
        return FALSE;
      wg_stmt_bind_text_static (stmt, 1, device);
      wg_stmt_bind_int64 (stmt, 2, g_array_index (homes, gint64, i));
      wg_stmt_bind_text_static (stmt, 3, "MCCGQ11LM");
      wg_stmt_bind_int (stmt, 4, 35 + pick (demo, 66));
      if (!wg_store_step_done (demo->store, stmt, error))
        return FALSE;
    }
  return insert_room_sensors (demo, error);
}

static gboolean
build_county (Demo    *demo,
              GError **error)
{
  const Spec *spec = demo->spec;
  g_autofree guint *villages = distribute (demo, spec->villages, spec->townships, 2);
  g_autofree guint *groups = distribute (demo, spec->groups, spec->villages, 2);
  g_autofree guint *micros = distribute (demo, spec->groups == 0 ? 0 : spec->micro_grids,
                                         spec->groups, 2);
  g_autofree guint *households = distribute (demo, spec->households, spec->micro_grids, 4);
  guint v = 0, g = 0, m = 0;
  gint64 county_id;

  if (!(county_id = insert_grid (demo, 0, WG_GRID_LEVEL_COUNTY, "141021", "曲沃县", 0, error)) ||
      !insert_staff (demo, county_id, WG_STAFF_ROLE_GRID_LEADER, NULL, 0, error) ||
      !insert_staff (demo, county_id, WG_STAFF_ROLE_EPIDEMIC_COMMISSIONER, NULL, 0, error) ||
      !insert_sites (demo, error))
    return FALSE;

  for (guint t = 0; t < spec->townships; t++)
    {
      g_autofree char *t_code = wg_grid_code_child ("141021", t + 1);
      gint64 t_id;

      if (!(t_id = insert_grid (demo, county_id, WG_GRID_LEVEL_TOWNSHIP, t_code,
                                township_names[t], t, error)) ||
          !insert_staff (demo, t_id, WG_STAFF_ROLE_GRID_LEADER, NULL, 0, error) ||
          !insert_staff (demo, t_id, WG_STAFF_ROLE_EPIDEMIC_COMMISSIONER, NULL, 0, error) ||
          !insert_staff (demo, t_id, WG_STAFF_ROLE_ASSIGNED_CADRE, NULL, 0, error) ||
          !insert_staff (demo, t_id, WG_STAFF_ROLE_ASSIGNED_CADRE, NULL, 0, error))
        return FALSE;

      for (guint vi = 0; vi < villages[t]; vi++, v++)
        {
          gboolean community = t == 0 && vi < MIN (COMMUNITIES_IN_SEAT, villages[t] / 2);
          g_autofree char *v_code = wg_grid_code_child (t_code, vi + 1);
          g_autofree char *v_name = make_village_name (demo, community);
          gint64 v_id;

          if (!(v_id = insert_grid (demo, t_id, WG_GRID_LEVEL_VILLAGE, v_code, v_name, vi, error)) ||
              !insert_staff (demo, v_id, WG_STAFF_ROLE_GRID_LEADER, NULL, 0, error) ||
              !insert_staff (demo, v_id, WG_STAFF_ROLE_EPIDEMIC_COMMISSIONER, NULL, 0, error) ||
              !insert_staff (demo, v_id, WG_STAFF_ROLE_ASSIGNED_CADRE, NULL, 0, error))
            return FALSE;

          for (guint gi = 0; gi < groups[v]; gi++, g++)
            {
              g_autofree char *g_code = wg_grid_code_child (v_code, gi + 1);
              g_autofree char *g_name = NULL;
              g_autofree char *g_path = NULL;
              gint64 g_id, worker;

              if (community)
                g_name = g_strconcat (estate_names[(gi + vi) % G_N_ELEMENTS (estate_names)],
                                      "小区", NULL);
              else
                g_name = g_strdup_printf ("%s组", ordinals[gi % G_N_ELEMENTS (ordinals)]);
              g_path = g_strconcat ("曲沃县", township_names[t], v_name, g_name, NULL);

              if (!(g_id = insert_grid (demo, v_id, WG_GRID_LEVEL_GROUP, g_code, g_name, gi, error)) ||
                  !(worker = insert_staff (demo, g_id, WG_STAFF_ROLE_GRID_WORKER, NULL, 0, error)))
                return FALSE;

              for (guint mi = 0; mi < micros[g]; mi++, m++)
                {
                  g_autofree char *m_code = wg_grid_code_child (g_code, mi + 1);
                  g_autofree char *m_name = g_strdup_printf ("第%s网格",
                                                             ordinals[mi % G_N_ELEMENTS (ordinals)]);
                  GridRef micro = { 0, m_code, m_name, g_path, worker };
                  gint64 first_person = 0;

                  if (!(micro.id = insert_grid (demo, g_id, WG_GRID_LEVEL_MICRO, m_code, m_name, mi,
                                                error)))
                    return FALSE;

                  for (guint h = 0; h < households[m]; h++)
                    if (!build_household (demo, &micro, demo->n_households + 1, &first_person,
                                          error))
                      return FALSE;

                  /* The party-member central household is a resident of the micro-grid. */
                  if (!insert_staff (demo, micro.id, WG_STAFF_ROLE_CENTRAL_HOUSEHOLD, NULL,
                                     first_person, error))
                    return FALSE;
                }
            }
        }

      if (demo->progress != NULL)
        demo->progress ((double) (t + 1) / (spec->townships + 1), demo->progress_data);
    }

  if (!insert_sensors (demo, error))
    return FALSE;

  {
    g_autofree char *detail = g_strdup_printf ("%s %u", spec == &spec_quwo ? "quwo" : "small",
                                               demo->seed);
    return wg_store_log (demo->store, "demo", "grid", county_id, detail, error);
  }
}

gboolean
wg_demo_scale_from_string (const char  *text,
                           WgDemoScale *scale)
{
  g_return_val_if_fail (scale != NULL, FALSE);

  if (g_strcmp0 (text, "quwo") == 0)
    *scale = WG_DEMO_SCALE_QUWO;
  else if (g_strcmp0 (text, "small") == 0)
    *scale = WG_DEMO_SCALE_SMALL;
  else
    return FALSE;
  return TRUE;
}

/* The returnee queue, as a desk's last fortnight leaves it: the returnees
 * under health monitoring entered as returnees; the latest arrivals still
 * new, the next reviewed, the older ones decided (seven days' monitoring,
 * or three days and three tests) — their past tests mostly recorded, some
 * overdue. Through the store's own steps, each in its
 * transaction, after the county is committed. */
static gboolean
build_queue (Demo    *demo,
             GError **error)
{
  static const char returnees_sql[] =
    "SELECT p.id, p.returned_on, h.grid_id FROM person p JOIN household h ON h.id = p.household_id"
    " WHERE p.residency = ? AND p.monitoring = 1 AND p.returned_on IS NOT NULL"
    "   AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.person_id = p.id)"
    " ORDER BY p.id";
  static const char insert_sql[] =
    "INSERT INTO returnee (person_id, arrived_on, from_place, risk, channel, grid_id, recorded_at)"
    " VALUES (?, ?, ?, ?, ?, ?, datetime ('now', 'localtime'))";
  static const char ids_sql[] = "SELECT id, person_id, arrived_on FROM returnee ORDER BY arrived_on DESC, id";
  static const struct { const char *name; guint days[3]; } presets[] = {
    { "7天健康监测", { 1, 4, 7 } },
    { "3天3检", { 1, 2, 3 } },
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) persons = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) arrivals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  char today[11];
  WgStmt *stmt, *read;
  int rc;

  day_string (&demo->today, today);
  if (!wg_store_begin (demo->store, error) || !(read = wg_store_prepare (demo->store, returnees_sql, error)))
    goto failed;
  wg_stmt_bind_int (read, 1, WG_RESIDENCY_RETURNEE);
  while ((rc = wg_stmt_step (read)) == WG_STMT_ROW)
    {
      guint place = pick (demo, G_N_ELEMENTS (places));

      if (!(stmt = wg_store_prepare (demo->store, insert_sql, error)))
        {
          wg_stmt_reset (read);
          goto failed;
        }
      wg_stmt_bind_int64 (stmt, 1, wg_stmt_column_int64 (read, 0));
      wg_stmt_bind_text (stmt, 2, wg_stmt_column_text (read, 1));
      wg_stmt_bind_text_static (stmt, 3, places[place].place);
      wg_stmt_bind_int (stmt, 4, places[place].risk);
      wg_stmt_bind_int (stmt, 5, 1 + (int) pick (demo, 3));
      wg_stmt_bind_int64 (stmt, 6, wg_stmt_column_int64 (read, 2));
      if (!wg_store_step_done (demo->store, stmt, error))
        {
          wg_stmt_reset (read);
          goto failed;
        }
    }
  wg_stmt_reset (read);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (demo->store, rc, error);
      goto failed;
    }
  if (!wg_store_commit (demo->store, error))
    return FALSE;

  if (!(read = wg_store_prepare (demo->store, ids_sql, error)))
    return FALSE;
  while ((rc = wg_stmt_step (read)) == WG_STMT_ROW)
    {
      gint64 id = wg_stmt_column_int64 (read, 0);
      gint64 person = wg_stmt_column_int64 (read, 1);

      g_array_append_val (ids, id);
      g_array_append_val (persons, person);
      g_ptr_array_add (arrivals, g_strdup (wg_stmt_column_text (read, 2)));
    }
  wg_stmt_reset (read);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const char *arrived = g_ptr_array_index (arrivals, i);
      GDate day;
      guint rank;
      guint which;

      g_date_clear (&day, 1);
      g_date_set_parse (&day, arrived);
      /* The latest arrivals (a sixth, at least one) still new, the next
       * sixth reviewed, the rest decided. */
      rank = (i + 1) * 6;
      if (rank <= MAX (ids->len, 6))
        continue; /* new */
      if (!wg_store_review_returnee (demo->store, id, error))
        return FALSE;
      if (rank <= MAX (ids->len, 6) * 2)
        continue; /* reviewed */
      which = chance (demo, 0.7) ? 0 : 1;
      if (!wg_store_decide_returnee (demo->store, id, presets[which].name, NULL, NULL, NULL, error))
        return FALSE;
      /* Their tests: mostly done on their day, some not at all. */
      for (guint t = 0; t < G_N_ELEMENTS (presets[which].days); t++)
        {
          GDate due = day;
          char due_text[11];
          g_autofree char *sampled = NULL;

          g_date_add_days (&due, presets[which].days[t] - 1);
          day_string (&due, due_text);
          if (strcmp (due_text, today) >= 0 || !chance (demo, 0.85))
            continue;
          sampled = g_strdup_printf ("%s 10:15:00", due_text);
          if (!wg_store_add_nat_test (demo->store, g_array_index (persons, gint64, i), sampled, "曲沃县人民医院",
                                      TRUE, WG_NAT_RESULT_NEGATIVE, &local_error))
            {
              /* A sampling round of the county's own took them then. */
              if (!g_error_matches (local_error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              g_clear_error (&local_error);
            }
        }
    }
  return TRUE;

failed:
  wg_store_rollback (demo->store);
  return FALSE;
}

/* A transfer of the demo, walked to @state with times on its day. */
static gboolean
add_transfer (Demo                 *demo,
              const WgTransferPlan *plan,
              WgTransferState       state,
              GError              **error)
{
  static const char *const times[] = { NULL, "07:30:00", "08:10:00", "08:55:00" };
  gint64 id;

  if (!wg_store_add_transfer (demo->store, plan, &id, error))
    return FALSE;
  for (WgTransferState step = WG_TRANSFER_DISPATCHED; step <= state; step++)
    {
      g_autofree char *at = g_strdup_printf ("%s %s", plan->day, times[step]);

      if (!wg_store_advance_transfer (demo->store, id, step, at,
                                      step == WG_TRANSFER_HANDED_OVER ? "值守医生 张敏" : NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Today's latest returnees not decided yet, brought home from the
 * high-speed station one vehicle each: planned, dispatched, picked up. */
static gboolean
build_returnee_transfers (Demo        *demo,
                          const char  *today,
                          GError     **error)
{
  static const char sql[] =
    "SELECT p.id_number, h.code FROM returnee r JOIN person p ON p.id = r.person_id"
    " JOIN household h ON h.id = p.household_id WHERE r.state < 2 ORDER BY r.arrived_on DESC, r.id LIMIT 3";
  static const char *const vehicles[] = { "晋L·D7503", "晋L·D7511", "晋L·D7526" };
  static const char *const drivers[] = { "贾国庆", "卫斌", "段锐" };
  static const char *const escorts[] = { "护士 薛婷", "护士 柴慧", "民警 乔磊" };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) homes = g_ptr_array_new_with_free_func (g_free);
  WgStmt *stmt = wg_store_prepare (demo->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      g_ptr_array_add (ids, g_strdup (wg_stmt_column_text (stmt, 0)));
      g_ptr_array_add (homes, g_strdup (wg_stmt_column_text (stmt, 1)));
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (demo->store, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      const char *one[] = { ids->pdata[i], NULL };
      WgTransferPlan plan = { today, WG_TRANSFER_FROM_STATION, "侯马西站", NULL, homes->pdata[i], vehicles[i],
                              drivers[i], escorts[i], one };

      if (!add_transfer (demo, &plan, WG_TRANSFER_PLANNED + i, error))
        return FALSE;
    }
  return TRUE;
}

/* Point-to-point transfers: the latest arrivals at each site brought from
 * the highway exit and the bus station, and today's moves home from the
 * sites, in every state. */
static gboolean
build_transfers (Demo    *demo,
                 GError **error)
{
  static const char arrivals_sql[] =
    "SELECT p.id_number, q.start_day FROM quarantine q JOIN person p ON p.id = q.person_id"
    " WHERE q.site_id = ? AND q.kind = 2 AND q.start_day <= ? ORDER BY q.start_day DESC, q.id DESC LIMIT 2";
  static const char home_sql[] =
    "SELECT h.code FROM person p JOIN household h ON h.id = p.household_id WHERE p.id = ?";
  static const char *const from[] = { "G5京昆高速曲沃出口", "曲沃县汽车站" };
  static const char *const vehicles[] = { "晋L·D7321", "晋L·D7356", "晋L·D7402", "晋L·D7418" };
  static const char *const drivers[] = { "李卫东", "王建军", "赵志刚", "郭海涛" };
  static const char *const escorts[] = { "护士 杨丽", "护士 韩静", "民警 史鹏", "护士 梁燕" };
  g_autoptr(GPtrArray) sites = NULL;
  guint n = 0;
  char today[11];

  day_string (&demo->today, today);
  if (!(sites = wg_store_list_sites (demo->store, today, error)))
    return FALSE;
  for (guint i = 0; i < sites->len && i < 2; i++)
    {
      WgSiteInfo *site = g_ptr_array_index (sites, i);
      g_autoptr(GPtrArray) moves = NULL;
      g_autoptr(GPtrArray) id_numbers = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *day = NULL;
      WgStmt *stmt = wg_store_prepare (demo->store, arrivals_sql, error);
      guint k = 0;
      int rc;

      if (stmt == NULL)
        return FALSE;
      wg_stmt_bind_int64 (stmt, 1, site->id);
      wg_stmt_bind_text (stmt, 2, today);
      while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW && k++ < 2)
        {
          g_ptr_array_add (id_numbers, g_strdup (wg_stmt_column_text (stmt, 0)));
          if (day == NULL)
            day = g_strdup (wg_stmt_column_text (stmt, 1));
        }
      wg_stmt_reset (stmt);
      g_ptr_array_add (id_numbers, NULL);
      if (day != NULL)
        {
          WgTransferPlan plan = { day, i == 0 ? WG_TRANSFER_FROM_CHECKPOINT : WG_TRANSFER_FROM_STATION, from[i],
                                  site->name, NULL, vehicles[n % 4], drivers[n % 4], escorts[n % 4],
                                  (const char *const *) id_numbers->pdata };

          /* Those before today handed over; today's still on the road. */
          if (!add_transfer (demo, &plan,
                             strcmp (day, today) < 0 ? WG_TRANSFER_HANDED_OVER : WG_TRANSFER_PICKED_UP, error))
            return FALSE;
          n++;
        }

      if (!(moves = wg_store_list_moves_home (demo->store, site->id, today, error)))
        return FALSE;
      for (guint m = 0; m < moves->len && m < 2; m++)
        {
          WgStayInfo *stay = g_ptr_array_index (moves, m);
          g_autofree char *home = NULL;
          const char *one[] = { stay->id_number, NULL };

          if (!(stmt = wg_store_prepare (demo->store, home_sql, error)))
            return FALSE;
          wg_stmt_bind_int64 (stmt, 1, stay->person_id);
          if ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
            home = g_strdup (wg_stmt_column_text (stmt, 0));
          wg_stmt_reset (stmt);
          if (home != NULL)
            {
              WgTransferPlan plan = { today, WG_TRANSFER_FROM_ADDRESS, site->address, NULL, home, vehicles[n % 4],
                                      drivers[n % 4], escorts[n % 4], one };

              if (!add_transfer (demo, &plan, m == 0 ? WG_TRANSFER_PLANNED : WG_TRANSFER_DISPATCHED, error))
                return FALSE;
              n++;
            }
        }
    }
  return build_returnee_transfers (demo, today, error);
}

/* People away from home in their village's group (its owner the
 * village's grid leader), where they are and why; every tenth has someone
 * at home who needs care. */
static gboolean
build_away (Demo        *demo,
            const char  *today,
            GError     **error)
{
  static const char groups_sql[] =
    "INSERT INTO away_group (grid_id, name, owner_id)"
    " SELECT v.id, v.name || '在外人员群',"
    "        (SELECT gs.staff_id FROM grid_staff gs WHERE gs.grid_id = v.id AND gs.role = 1 ORDER BY gs.staff_id"
    "         LIMIT 1)"
    " FROM grid v WHERE v.level = 3 ORDER BY v.id";
  static const char away_sql[] =
    "SELECT p.id, v.id FROM person p JOIN household h ON h.id = p.household_id JOIN grid m ON m.id = h.grid_id"
    " JOIN grid g ON g.id = m.parent_id JOIN grid v ON v.id = g.parent_id WHERE p.residency = ? ORDER BY p.id";
  static const char info_sql[] =
    "INSERT INTO away_info (person_id, province, city, address, employer, since, reason, group_id, care_needed)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM away_group WHERE grid_id = ?), ?)";
  static const struct { const char *province, *city; } where[] = {
    { "山西省", "太原市" }, { "北京市", "北京市" }, { "陕西省", "西安市" }, { "河南省", "郑州市" },
    { "广东省", "深圳市" }, { "上海市", "上海市" }, { "江苏省", "苏州市" }, { "浙江省", "杭州市" },
  };
  static const char *const employers[] = { "建筑工地", "物流公司", "电子厂", "餐饮店", "家政服务公司", "汽车配件厂" };
  static const char *const care[] = { "独居老人需照看", "老人行动不便", "留守儿童需接送", "慢性病老人需按时取药" };
  g_autoptr(GArray) persons = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) villages = g_array_new (FALSE, FALSE, sizeof (gint64));
  WgStmt *stmt;
  int rc;

  if (!wg_store_begin (demo->store, error) || !wg_store_exec (demo->store, groups_sql, error) ||
      !(stmt = wg_store_prepare (demo->store, away_sql, error)))
    goto failed;
  wg_stmt_bind_int (stmt, 1, WG_RESIDENCY_AWAY);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 person = wg_stmt_column_int64 (stmt, 0), village = wg_stmt_column_int64 (stmt, 1);

      g_array_append_val (persons, person);
      g_array_append_val (villages, village);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (demo->store, rc, error);
      goto failed;
    }
  for (guint i = 0; i < persons->len; i++)
    {
      guint w = pick (demo, G_N_ELEMENTS (where));
      int reason = chance (demo, 0.8) ? 1 : chance (demo, 0.6) ? 2 : 3;
      GDate since = demo->today;
      char since_text[11];
      g_autofree char *address = g_strdup_printf ("%s%s区%u号", where[w].city, ordinals[pick (demo, 10)],
                                                  1 + pick (demo, 300));

      g_date_subtract_days (&since, 20 + pick (demo, 300));
      day_string (&since, since_text);
      if (!(stmt = wg_store_prepare (demo->store, info_sql, error)))
        goto failed;
      wg_stmt_bind_int64 (stmt, 1, g_array_index (persons, gint64, i));
      wg_stmt_bind_text_static (stmt, 2, where[w].province);
      wg_stmt_bind_text_static (stmt, 3, where[w].city);
      wg_stmt_bind_text (stmt, 4, address);
      if (reason == 1)
        wg_stmt_bind_text_static (stmt, 5, employers[pick (demo, G_N_ELEMENTS (employers))]);
      wg_stmt_bind_text (stmt, 6, since_text);
      wg_stmt_bind_int (stmt, 7, reason);
      wg_stmt_bind_int64 (stmt, 8, g_array_index (villages, gint64, i));
      if (i % 10 == 0)
        wg_stmt_bind_text_static (stmt, 9, care[pick (demo, G_N_ELEMENTS (care))]);
      if (!wg_store_step_done (demo->store, stmt, error))
        goto failed;
    }
  (void) today;
  return wg_store_commit (demo->store, error);

failed:
  wg_store_rollback (demo->store);
  return FALSE;
}

/* Help orders from the families of people away (three hundred at most),
 * in every state through
 * the store's own steps: some not accepted in time, some past the time
 * promised. */
static gboolean
build_orders (Demo        *demo,
              const char  *today,
              GError     **error)
{
  static const char homes_sql[] =
    "SELECT DISTINCT h.code, h.id FROM person p JOIN household h ON h.id = p.household_id"
    " JOIN away_info a ON a.person_id = p.id ORDER BY h.id LIMIT 300";
  static const struct { WgOrderKind kind; const char *detail; } needs[] = {
    { WG_ORDER_KIND_ELDERLY_CARE, "老人独居，请上门看望并测体温" },
    { WG_ORDER_KIND_MEDICINE, "代购降压药（硝苯地平缓释片）两盒" },
    { WG_ORDER_KIND_SHOPPING, "代买米面油和蔬菜，送到家门口" },
    { WG_ORDER_KIND_REPAIRS, "院里水管冻裂，请找人维修" },
    { WG_ORDER_KIND_FARM_WORK, "大棚蔬菜需帮忙采收" },
    { WG_ORDER_KIND_OTHER, "孩子网课需要打印作业" },
  };
  g_autoptr(GPtrArray) homes = g_ptr_array_new_with_free_func (g_free);
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (demo->store, homes_sql, error)))
    return FALSE;
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    g_ptr_array_add (homes, g_strdup (wg_stmt_column_text (stmt, 0)));
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (demo->store, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < homes->len; i++)
    {
      guint need = i % G_N_ELEMENTS (needs);
      WgOrderState state = i % WG_ORDER_N_STATES;
      g_autofree char *ordered = g_strdup_printf ("%s %02u:%02u:00", today, 7 + i % 4, (i * 7) % 60);
      g_autofree char *due = g_strdup_printf ("%s %02u:00:00", today, i % 3 == 0 ? 11 : 18);
      g_autofree char *dispatched = g_strdup_printf ("%s %02u:%02u:00", today, 7 + i % 4 + (i % 2 ? 3 : 0),
                                                     30 + (i * 7) % 30);
      g_autofree char *accepted = g_strdup_printf ("%s %02u:%02u:00", today, 11 + i % 4, (i * 3) % 60);
      g_autofree char *finished = g_strdup_printf ("%s %02u:%02u:00", today, 15 + i % 2, (i * 5) % 60);
      WgOrderRequest request = { homes->pdata[i], NULL, needs[need].kind, needs[need].detail, 1 + i % 3, due,
                                 ordered };
      gint64 id = 0, worker;

      if (!wg_store_add_order (demo->store, &request, &id, error))
        return FALSE;
      if (state == WG_ORDER_CANCELLED)
        {
          if (!wg_store_cancel_order (demo->store, id, dispatched, "家属已自行解决", error))
            return FALSE;
          continue;
        }
      if (state == WG_ORDER_ORDERED)
        continue;
      if ((worker = wg_store_find_order_worker (demo->store, id, error)) == 0 ||
          !wg_store_dispatch_order (demo->store, id, worker, dispatched, error))
        return FALSE;
      if (state >= WG_ORDER_ACCEPTED && !wg_store_accept_order (demo->store, id, accepted, error))
        return FALSE;
      if (state == WG_ORDER_DONE && !wg_store_complete_order (demo->store, id, finished, "已上门办理，家属已确认",
                                                              error))
        return FALSE;
    }
  return TRUE;
}

/* Two patrols and one meeting on the day before and the day itself: every
 * micro-grid reported yesterday but a few; today the morning patrol is
 * everywhere, the rest of the day still coming in (a tenth without the
 * meeting by the report hour). */
static gboolean
build_patrols (Demo        *demo,
               const char  *today,
               GError     **error)
{
  static const char grids_sql[] = "SELECT id FROM grid WHERE level = 5 ORDER BY id";
  static const char sql[] =
    "INSERT INTO patrol_report (grid_id, day, kind, at, done_by, new_returnees, gatherings, problems, reported_up)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static const char *const hours[] = { NULL, "08:30:00", "15:00:00", "20:00:00" };
  g_autoptr(GArray) grids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate before = demo->today;
  char yesterday[11];
  WgStmt *stmt;
  int rc;

  g_date_subtract_days (&before, 1);
  day_string (&before, yesterday);
  if (!(stmt = wg_store_prepare (demo->store, grids_sql, error)))
    return FALSE;
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 id = wg_stmt_column_int64 (stmt, 0);

      g_array_append_val (grids, id);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE || !wg_store_begin (demo->store, error))
    {
      if (rc != WG_STMT_DONE)
        wg_store_set_error (demo->store, rc, error);
      return FALSE;
    }
  for (guint d = 0; d < 2; d++)
    for (guint i = 0; i < grids->len; i++)
      for (int kind = 1; kind <= 3; kind++)
        {
          const char *day = d == 0 ? yesterday : today;
          g_autofree char *at = g_strdup_printf ("%s %s", day, hours[kind]);
          g_autofree char *who = make_name (demo, NULL, chance (demo, 0.6) ? 1 : 2);

          /* Yesterday one in thirty missed the meeting; today a tenth has
           * not met yet. */
          if (kind == 3 && ((d == 0 && i % 30 == 7) || (d == 1 && i % 10 == 3)))
            continue;
          if (!(stmt = wg_store_prepare (demo->store, sql, error)))
            goto failed;
          wg_stmt_bind_int64 (stmt, 1, g_array_index (grids, gint64, i));
          wg_stmt_bind_text (stmt, 2, day);
          wg_stmt_bind_int (stmt, 3, kind);
          wg_stmt_bind_text (stmt, 4, at);
          wg_stmt_bind_text (stmt, 5, who);
          wg_stmt_bind_int (stmt, 6, kind < 3 && chance (demo, 0.05) ? 1 : 0);
          wg_stmt_bind_int (stmt, 7, kind < 3 && chance (demo, 0.02) ? 1 : 0);
          if (kind < 3 && chance (demo, 0.03))
            wg_stmt_bind_text_static (stmt, 8, "发现一户门口有聚集，已劝散");
          if (kind == 3)
            wg_stmt_bind_text_static (stmt, 9, "两圈巡查无异常，已上报村委");
          if (!wg_store_step_done (demo->store, stmt, error))
            goto failed;
        }
  return wg_store_commit (demo->store, error);

failed:
  wg_store_rollback (demo->store);
  return FALSE;
}

/* Disinfection to the hour for the homes in quarantine today (at nine,
 * ten or eleven, every day of their quarantine from two days ago) and the
 * rooms with a door sensor (at eight); the visits of the days before and
 * of today's past hours, all but one in twelve. */
static gboolean
build_disinfection (Demo        *demo,
                    const char  *today,
                    GError     **error)
{
  static const char homes_sql[] =
    "SELECT h.code, max (q.end_day) FROM quarantine q JOIN person p ON p.id = q.person_id"
    " JOIN household h ON h.id = p.household_id"
    " WHERE q.kind = 1 AND q.start_day <= ?1 AND q.end_day >= ?1 GROUP BY h.id, h.code ORDER BY h.id";
  static const char rooms_sql[] =
    "SELECT s.room_id, max (st.to_day) FROM sensor s JOIN room_stay st ON st.room_id = s.room_id"
    " WHERE st.from_day <= ?1 AND st.to_day >= ?1 GROUP BY s.room_id ORDER BY s.room_id";
  static const char *const teams[] = { "消杀队 王强", "消杀队 李娜", "消杀队 赵刚", "消杀队 郭敏" };
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ends = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) rooms = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate start = demo->today;
  char first[11];
  WgStmt *stmt;
  int rc;

  g_date_subtract_days (&start, 2);
  day_string (&start, first);
  for (guint pass = 0; pass < 2; pass++)
    {
      if (!(stmt = wg_store_prepare (demo->store, pass == 0 ? homes_sql : rooms_sql, error)))
        return FALSE;
      wg_stmt_bind_text (stmt, 1, today);
      while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
        {
          if (pass == 0)
            g_ptr_array_add (codes, g_strdup (wg_stmt_column_text (stmt, 0)));
          else
            {
              gint64 room = wg_stmt_column_int64 (stmt, 0);

              g_array_append_val (rooms, room);
            }
          g_ptr_array_add (ends, g_strdup (wg_stmt_column_text (stmt, 1)));
        }
      wg_stmt_reset (stmt);
      if (rc != WG_STMT_DONE)
        {
          wg_store_set_error (demo->store, rc, error);
          return FALSE;
        }
    }
  for (guint i = 0; i < ends->len; i++)
    {
      gboolean home = i < codes->len;
      const char *code = home ? codes->pdata[i] : NULL;
      gint64 room = home ? 0 : g_array_index (rooms, gint64, i - codes->len);
      guint hour = home ? 9 + i % 3 : 8;

      if (!wg_store_plan_disinfection (demo->store, code, room, hour, 1, first, ends->pdata[i], NULL, error))
        return FALSE;
      /* The visits so far: the two days before, and today's if its hour has come by noon. */
      for (guint d = 0; d < 3; d++)
        {
          GDate day = start;
          char text[11];
          g_autofree char *at = NULL;

          g_date_add_days (&day, d);
          day_string (&day, text);
          if (strcmp (text, ends->pdata[i]) > 0 || (d == 2 && hour >= 12) || (i * 3 + d) % 12 == 5)
            continue;
          at = g_strdup_printf ("%s %02u:%02u:00", text, hour, (i * 7 + d * 11) % 50);
          if (!wg_store_record_disinfection (demo->store, code, room, at, teams[(i + d) % G_N_ELEMENTS (teams)],
                                             "门把手、地面、垃圾桶喷洒消毒", NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A two-week roster from the Monday of the week: at each checkpoint and
 * shift its minimum (three, three, two), a leader leading each day shift,
 * the cadres taking turns; unit leaders on duty in the communities by day;
 * the last night of each week one short at the S234 exit. */
static gboolean
build_roster (Demo        *demo,
              GError     **error)
{
  static const char staff_sql[] =
    "SELECT DISTINCT gs.staff_id FROM grid_staff gs JOIN grid g ON g.id = gs.grid_id"
    " WHERE gs.role IN (1, 3, 5) AND g.level <= 3 ORDER BY gs.staff_id";
  static const char communities_sql[] =
    "SELECT g.code, (SELECT gs.staff_id FROM grid_staff gs WHERE gs.grid_id = g.id AND gs.role = 1"
    "                ORDER BY gs.staff_id LIMIT 1)"
    " FROM grid g WHERE g.level = 3 AND g.name LIKE '%社区' ORDER BY g.code";
  static const char *const checkpoints[] = { "G5京昆高速曲沃出口", "G22青兰高速曲沃东出口", "S234曲沃至绛县出口" };
  static const guint per_shift[] = { 3, 3, 2 };
  g_autoptr(GArray) pool = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) communities = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) leaders = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate monday = demo->today;
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (demo->store, staff_sql, error)))
    return FALSE;
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 id = wg_stmt_column_int64 (stmt, 0);

      g_array_append_val (pool, id);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE || !(stmt = wg_store_prepare (demo->store, communities_sql, error)))
    {
      if (rc != WG_STMT_DONE)
        wg_store_set_error (demo->store, rc, error);
      return FALSE;
    }
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    if (!wg_stmt_column_is_null (stmt, 1))
      {
        gint64 id = wg_stmt_column_int64 (stmt, 1);

        g_ptr_array_add (communities, g_strdup (wg_stmt_column_text (stmt, 0)));
        g_array_append_val (leaders, id);
      }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (demo->store, rc, error);
      return FALSE;
    }
  /* Eight a shift, twenty-four a day: each once a day at most. */
  if (pool->len < 24)
    return TRUE;
  g_date_subtract_days (&monday, g_date_get_weekday (&monday) - G_DATE_MONDAY);
  for (guint d = 0; d < 14; d++)
    {
      GDate date = monday;
      char day[11];
      guint slot = 0;

      g_date_add_days (&date, d);
      day_string (&date, day);
      for (guint shift = 1; shift <= WG_N_SHIFTS; shift++)
        for (guint c = 0; c < G_N_ELEMENTS (checkpoints); c++)
          for (guint k = 0; k < per_shift[c]; k++, slot++)
            {
              gint64 staff = g_array_index (pool, gint64, (d * 24 + slot) % pool->len);

              if (c == 2 && shift == 3 && k == 1 && d % 7 == 6)
                continue;
              /* Skip a leader of a community on the day shift: booked there below. */
              if (!wg_store_book_duty (demo->store, day, shift, checkpoints[c], NULL, staff,
                                       shift == 1 && k == 0 ? WG_DUTY_LEADER : WG_DUTY_ON_DUTY, NULL, error))
                {
                  if (!g_error_matches (*error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT))
                    return FALSE;
                  g_clear_error (error);
                }
            }
      for (guint i = 0; i < communities->len; i++)
        if (!wg_store_book_duty (demo->store, day, 2, NULL, communities->pdata[i], g_array_index (leaders, gint64, i),
                                 WG_DUTY_UNIT_LEADER, NULL, error))
          {
            if (!g_error_matches (*error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT))
              return FALSE;
            g_clear_error (error);
          }
    }
  return TRUE;
}

/* The field's day: people away in their groups, help orders, patrols,
 * disinfection, the roster. */
/* The leaders' view: a five-to-one team (五包一) for everyone in
 * quarantine — most complete, some missing the village doctor or the
 * police officer —, and their nucleic-acid tests scheduled every third day
 * from their first, mostly done on the day, today's half done by ten. */
static gboolean
build_leadership (Demo        *demo,
                  const char  *today,
                  GError     **error)
{
  static const char persons_sql[] =
    "SELECT q.person_id, min (q.start_day), max (q.end_day) FROM quarantine q"
    " WHERE q.start_day <= ?1 AND q.end_day >= ?1 GROUP BY q.person_id ORDER BY q.person_id";
  static const char team_sql[] = "INSERT INTO care_team (person_id, role, name, phone) VALUES (?, ?, ?, ?)";
  static const char schedule_sql[] =
    "INSERT INTO test_schedule (person_id, day, seq) VALUES (?, ?, ?) ON CONFLICT (person_id, day) DO NOTHING";
  g_autoptr(GArray) persons = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) starts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ends = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (demo->store, persons_sql, error)))
    return FALSE;
  wg_stmt_bind_text (stmt, 1, today);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 id = wg_stmt_column_int64 (stmt, 0);

      g_array_append_val (persons, id);
      g_ptr_array_add (starts, g_strdup (wg_stmt_column_text (stmt, 1)));
      g_ptr_array_add (ends, g_strdup (wg_stmt_column_text (stmt, 2)));
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (demo->store, rc, error);
      return FALSE;
    }

  if (!wg_store_begin (demo->store, error))
    return FALSE;
  for (guint i = 0; i < persons->len; i++)
    {
      gint64 person = g_array_index (persons, gint64, i);
      guint missing = chance (demo, 0.85) ? 0 : 4 + pick (demo, 2);   /* the doctor or the police officer */
      GDate day;
      char text[11];

      for (guint role = 1; role <= 5; role++)
        {
          g_autofree char *name = NULL;
          char phone[12];

          if (role == missing)
            continue;
          name = make_name (demo, NULL, 1 + (int) pick (demo, 2));
          make_phone (demo, phone);
          if (!(stmt = wg_store_prepare (demo->store, team_sql, error)))
            goto failed;
          wg_stmt_bind_int64 (stmt, 1, person);
          wg_stmt_bind_int (stmt, 2, role);
          wg_stmt_bind_text (stmt, 3, name);
          wg_stmt_bind_text (stmt, 4, phone);
          if (!wg_store_step_done (demo->store, stmt, error))
            goto failed;
        }
      g_date_clear (&day, 1);
      g_date_set_parse (&day, starts->pdata[i]);
      for (guint seq = 1; seq <= 8; seq++, g_date_add_days (&day, 3))
        {
          day_string (&day, text);
          if (strcmp (text, ends->pdata[i]) > 0 || strcmp (text, today) > 0)
            break;
          if (!(stmt = wg_store_prepare (demo->store, schedule_sql, error)))
            goto failed;
          wg_stmt_bind_int64 (stmt, 1, person);
          wg_stmt_bind_text (stmt, 2, text);
          wg_stmt_bind_int (stmt, 3, seq);
          if (!wg_store_step_done (demo->store, stmt, error))
            goto failed;
        }
    }
  /* Those the register marks as under health monitoring, for the week
   * before and the week after, so that past days show them too. */
  {
    static const char monitoring_sql[] =
      "INSERT INTO monitoring (person_id, start_day, end_day)"
      " SELECT p.id, date (?1, '-6 days'), date (?1, '+7 days') FROM person p"
      " WHERE p.monitoring = 1 AND NOT EXISTS (SELECT 1 FROM monitoring m WHERE m.person_id = p.id"
      "                                         AND m.start_day <= ?1 AND m.end_day >= ?1)";

    if (!(stmt = wg_store_prepare (demo->store, monitoring_sql, error)))
      goto failed;
    wg_stmt_bind_text (stmt, 1, today);
    if (!wg_store_step_done (demo->store, stmt, error))
      goto failed;
  }
  if (!wg_store_commit (demo->store, error))
    goto failed;

  /* The tests taken: each fulfils the person's earliest open one. */
  for (guint i = 0; i < persons->len; i++)
    {
      GDate day;
      char text[11];

      g_date_clear (&day, 1);
      g_date_set_parse (&day, starts->pdata[i]);
      for (guint seq = 1; seq <= 8; seq++, g_date_add_days (&day, 3))
        {
          g_autofree char *sampled = NULL;
          gboolean is_today;

          day_string (&day, text);
          if (strcmp (text, ends->pdata[i]) > 0 || strcmp (text, today) > 0)
            break;
          is_today = strcmp (text, today) == 0;
          if (!chance (demo, is_today ? 0.5 : 0.9))
            continue;
          sampled = g_strdup_printf ("%s %s", text, is_today ? "09:40:00" : "10:20:00");
          if (!wg_store_add_nat_test (demo->store, g_array_index (persons, gint64, i), sampled, "曲沃县人民医院",
                                      TRUE, WG_NAT_RESULT_NEGATIVE, &local_error))
            {
              if (!g_error_matches (local_error, WG_STORE_ERROR, WG_STORE_ERROR_CONSTRAINT))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              g_clear_error (&local_error);
            }
        }
    }
  return TRUE;

failed:
  wg_store_rollback (demo->store);
  return FALSE;
}

static gboolean
build_field (Demo    *demo,
             GError **error)
{
  char today[11];

  day_string (&demo->today, today);
  return build_away (demo, today, error) && build_orders (demo, today, error) &&
         build_patrols (demo, today, error) && build_disinfection (demo, today, error) &&
         build_roster (demo, error) && build_leadership (demo, today, error);
}

/**
 * wg_demo_build:
 * @store: an empty, writable store
 * @scale: Quwo's real size, or a small county for tests
 * @seed: the seed; the same seed and day give the same county
 * @today: (nullable): the day the records lead up to, as YYYY-MM-DD; %NULL for today
 * @progress: (nullable) (scope call): told the fraction done now and then
 * @user_data: for @progress
 * @error: return location for a #GError
 *
 * Builds the demo county in one transaction: all of it, or nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_demo_build (WgStore         *store,
               WgDemoScale      scale,
               guint32          seed,
               const char      *today,
               WgProgressFunc   progress,
               gpointer         user_data,
               GError         **error)
{
  g_autofree char *day = NULL;
  Demo demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (wg_store_is_read_only (store))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only."), wg_store_get_path (store));
      return FALSE;
    }
  if (!wg_store_is_empty (store))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_EMPTY,
                   _("The database “%s” already holds a county. Build the demo into a new file."),
                   wg_store_get_path (store));
      return FALSE;
    }

  day = today != NULL ? g_strdup (today) : wg_today ();
  g_date_clear (&demo.today, 1);
  g_date_set_parse (&demo.today, day);
  if (strlen (day) != 10 || !g_date_valid (&demo.today))
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("“%s” is not a date. Write it as YYYY-MM-DD."), day);
      return FALSE;
    }

  demo.store = store;
  demo.rand = g_rand_new_with_seed (seed);
  demo.seed = seed;
  demo.spec = scale == WG_DEMO_SCALE_QUWO ? &spec_quwo : &spec_small;
  demo.persons_expected = demo.spec->households * 3.05;
  demo.id_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  demo.codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  demo.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  demo.quarantined_households = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo.progress = progress;
  demo.progress_data = user_data;

  /* A bigger page cache for the bulk insert; the indices are mostly in memory. */
  wg_store_set_bulk (store, TRUE);
  ok = wg_store_begin (store, error) && build_county (&demo, error);
  if (ok)
    ok = wg_store_commit (store, error);
  else
    wg_store_rollback (store);
  if (ok)
    ok = build_queue (&demo, error) && build_transfers (&demo, error) && build_field (&demo, error);

  wg_store_set_bulk (store, FALSE);
  if (ok && progress != NULL)
    progress (1.0, user_data);

  g_rand_free (demo.rand);
  g_hash_table_unref (demo.id_numbers);
  g_hash_table_unref (demo.codes);
  g_hash_table_unref (demo.names);
  g_array_unref (demo.quarantined_households);
  for (guint i = 0; i < 2; i++)
    g_clear_pointer (&demo.room_ids[i], g_array_unref);

  return ok;
}
