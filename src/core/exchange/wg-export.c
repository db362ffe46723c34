/* wg-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every list out to Excel: the registry's persons and households, a grid's
 * children with their counts, the temperature round, the alerts, the
 * sensors, the returnees by channel, search results and the people behind a
 * figure. Like print, an exported sheet is a document for the county's
 * people: its headers are Chinese literals whatever the UI language, and
 * they are the headers the importer reads, so a list goes out and comes
 * back in unchanged. Rows stream from the database to the writer.
 */

#define G_LOG_DOMAIN "wg-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wg-export.h"
#include "wg-store-roster.h"
#include "wg-idnum.h"
#include "wg-store-alerts.h"
#include "wg-store-audit.h"
#include "wg-store-grids.h"
#include "wg-store-private.h"
#include "wg-store-records.h"
#include "wg-store-search.h"
#include "wg-store-sensors.h"
#include "wg-store-status.h"
#include "wg-table-writer.h"

static const char *const list_names[] = {
  "persons", "households", "grids", "round", "alerts", "sensors", "returnees",
};

static const char *const list_titles[] = {
  "人员名单", "住户名单", "网格统计", "体温巡查", "告警列表", "门磁列表", "返乡人员",
};

gboolean
wg_export_list_from_string (const char   *text,
                            WgExportList *list)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_names); i++)
    if (g_strcmp0 (text, list_names[i]) == 0)
      {
        *list = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wg_export_list_to_string (WgExportList list)
{
  g_return_val_if_fail (list < G_N_ELEMENTS (list_names), NULL);
  return list_names[list];
}

/* The sheet's name, in Chinese like the sheet. */
const char *
wg_export_list_title (WgExportList list)
{
  g_return_val_if_fail (list < G_N_ELEMENTS (list_titles), NULL);
  return list_titles[list];
}

const char *
wg_returnee_channel_describe (int channel)
{
  switch (channel)
    {
    case 1: return "网格排查";
    case 2: return "扫码登记";
    case 3: return "上级推送";
    default: return "";
    }
}

static const char *
residency_word (int residency)
{
  switch (residency)
    {
    case WG_RESIDENCY_AWAY: return "在外";
    case WG_RESIDENCY_RETURNEE: return "返乡";
    default: return "在家";
    }
}

static const char *
risk_word (int risk)
{
  return risk == 2 ? "高风险" : risk == 1 ? "中风险" : "否";
}

static const char *
col (WgStmt *stmt,
     int           i)
{
  return wg_stmt_column_text (stmt, i);
}

/* The grid a list is limited to: must exist. */
static gboolean
check_grid (WgStore     *store,
            const char  *grid_code,
            GError     **error)
{
  g_autofree char *name = NULL;

  if (grid_code == NULL)
    return TRUE;
  name = wg_store_dup_grid_name (store, grid_code, NULL, error);
  return name != NULL;
}

static const char *
returnee_state_word (int state)
{
  return state == 0 ? "待核实" : "已核实";
}

#define MAX_COLUMNS 20

typedef void (*FillFunc) (WgStmt *stmt,
                          const char   *values[MAX_COLUMNS]);

/* Streams a query limited to a grid's subtree (?1, NULL for all) into the
 * writer, one row at a time. */
static gboolean
export_query (WgStore        *store,
              WgTableWriter  *writer,
              const char     *sql,
              const char     *grid_code,
              FillFunc        fill,
              GCancellable   *cancellable,
              GError        **error)
{
  WgStmt *stmt = wg_store_prepare (store, sql, error);
  GError *local = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (grid_code != NULL)
    wg_stmt_bind_text_static (stmt, 1, grid_code);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      const char *values[MAX_COLUMNS] = { NULL };

      fill (stmt, values);
      if (((wg_table_writer_get_rows (writer) & 1023) == 0 &&
           g_cancellable_set_error_if_cancelled (cancellable, &local)) ||
          !wg_table_writer_add_row (writer, values, &local))
        break;
    }
  wg_stmt_reset (stmt);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static const WgColumn person_columns[] = {
  { "身份证号", WG_COLUMN_TYPE_TEXT, 20 }, { "姓名", WG_COLUMN_TYPE_TEXT, 10 }, { "性别", WG_COLUMN_TYPE_TEXT, 5 },
  { "出生日期", WG_COLUMN_TYPE_DATE, 12 }, { "手机号", WG_COLUMN_TYPE_TEXT, 14 }, { "与户主关系", WG_COLUMN_TYPE_TEXT, 10 },
  { "居住状态", WG_COLUMN_TYPE_TEXT, 8 }, { "户编码", WG_COLUMN_TYPE_TEXT, 18 }, { "住址", WG_COLUMN_TYPE_TEXT, 32 },
  { "网格编码", WG_COLUMN_TYPE_TEXT, 18 }, { "网格", WG_COLUMN_TYPE_TEXT, 14 },
};

static const char person_sql[] =
  "SELECT p.id_number, p.name, p.sex, p.birth_date, p.phone, p.relation, p.residency,"
  "       h.code, h.address, g.code, g.name"
  " FROM person p LEFT JOIN household h ON h.id = p.household_id LEFT JOIN grid g ON g.id = h.grid_id"
  " WHERE ?1 IS NULL OR substr (g.code, 1, length (?1)) = ?1"
  " ORDER BY g.code, h.code, p.id";

static void
fill_person (WgStmt *stmt,
             const char   *values[MAX_COLUMNS])
{
  for (int i = 0; i < 11; i++)
    values[i] = col (stmt, i);
  values[2] = wg_stmt_column_int (stmt, 2) == 1 ? "男" : "女";
  values[6] = residency_word (wg_stmt_column_int (stmt, 6));
}

static const WgColumn household_columns[] = {
  { "户编码", WG_COLUMN_TYPE_TEXT, 18 }, { "户主", WG_COLUMN_TYPE_TEXT, 10 }, { "住址", WG_COLUMN_TYPE_TEXT, 32 },
  { "网格编码", WG_COLUMN_TYPE_TEXT, 18 }, { "网格", WG_COLUMN_TYPE_TEXT, 14 }, { "人数", WG_COLUMN_TYPE_NUMBER, 6 },
};

static const char household_sql[] =
  "SELECT h.code, (SELECT name FROM person WHERE id = h.head_id), h.address, g.code, g.name,"
  "       (SELECT count (*) FROM person WHERE household_id = h.id)"
  " FROM household h JOIN grid g ON g.id = h.grid_id"
  " WHERE ?1 IS NULL OR substr (g.code, 1, length (?1)) = ?1"
  " ORDER BY g.code, h.code";

static void
fill_household (WgStmt *stmt,
                const char   *values[MAX_COLUMNS])
{
  for (int i = 0; i < 6; i++)
    values[i] = col (stmt, i);
}

static const WgColumn returnee_columns[] = {
  { "身份证号", WG_COLUMN_TYPE_TEXT, 20 }, { "姓名", WG_COLUMN_TYPE_TEXT, 10 }, { "手机号", WG_COLUMN_TYPE_TEXT, 14 },
  { "到达日期", WG_COLUMN_TYPE_DATE, 12 }, { "来源地", WG_COLUMN_TYPE_TEXT, 20 }, { "风险地区", WG_COLUMN_TYPE_TEXT, 8 },
  { "交通方式", WG_COLUMN_TYPE_TEXT, 12 }, { "登记渠道", WG_COLUMN_TYPE_TEXT, 10 }, { "网格编码", WG_COLUMN_TYPE_TEXT, 18 },
  { "网格", WG_COLUMN_TYPE_TEXT, 14 }, { "户编码", WG_COLUMN_TYPE_TEXT, 18 }, { "住址", WG_COLUMN_TYPE_TEXT, 32 },
  { "状态", WG_COLUMN_TYPE_TEXT, 8 }, { "登记时间", WG_COLUMN_TYPE_TIME, 18 },
};

static const char returnee_sql[] =
  "SELECT p.id_number, p.name, p.phone, r.arrived_on, r.from_place, r.risk, r.transport, r.channel,"
  "       coalesce (hg.code, g.code), coalesce (hg.name, g.name), h.code, h.address, r.state, r.recorded_at"
  " FROM returnee r JOIN person p ON p.id = r.person_id"
  " LEFT JOIN household h ON h.id = p.household_id LEFT JOIN grid hg ON hg.id = h.grid_id"
  " LEFT JOIN grid g ON g.id = r.grid_id"
  " WHERE ?1 IS NULL OR substr (coalesce (hg.code, g.code), 1, length (?1)) = ?1"
  " ORDER BY r.arrived_on DESC, r.channel, p.id_number";

static void
fill_returnee (WgStmt *stmt,
               const char   *values[MAX_COLUMNS])
{
  for (int i = 0; i < 14; i++)
    values[i] = col (stmt, i);
  values[5] = risk_word (wg_stmt_column_int (stmt, 5));
  values[7] = wg_returnee_channel_describe (wg_stmt_column_int (stmt, 7));
  values[12] = returnee_state_word (wg_stmt_column_int (stmt, 12));
}

static const WgColumn grid_columns[] = {
  { "网格编码", WG_COLUMN_TYPE_TEXT, 18 }, { "网格名称", WG_COLUMN_TYPE_TEXT, 14 }, { "层级", WG_COLUMN_TYPE_TEXT, 6 },
  { "户数", WG_COLUMN_TYPE_NUMBER, 8 }, { "人数", WG_COLUMN_TYPE_NUMBER, 8 }, { "在外", WG_COLUMN_TYPE_NUMBER, 6 },
  { "返乡", WG_COLUMN_TYPE_NUMBER, 6 }, { "健康监测", WG_COLUMN_TYPE_NUMBER, 8 }, { "居家隔离", WG_COLUMN_TYPE_NUMBER, 8 },
  { "集中隔离", WG_COLUMN_TYPE_NUMBER, 8 }, { "今日发热", WG_COLUMN_TYPE_NUMBER, 8 }, { "超48小时未检", WG_COLUMN_TYPE_NUMBER, 8 },
  { "工作人员", WG_COLUMN_TYPE_NUMBER, 8 }, { "门磁", WG_COLUMN_TYPE_NUMBER, 6 }, { "未处置告警", WG_COLUMN_TYPE_NUMBER, 10 },
};

static const char *const level_words[] = { "", "县", "乡镇", "村", "组", "微网格" };

static gboolean
export_grids (WgStore        *store,
              WgTableWriter  *writer,
              const char     *grid_code,
              const char     *today,
              GCancellable   *cancellable,
              GError        **error)
{
  static const char sql[] =
    "SELECT c.code, c.name, c.level FROM grid c"
    " WHERE (?1 IS NOT NULL AND c.parent_id = (SELECT id FROM grid WHERE code = ?1))"
    "    OR (?1 IS NULL AND c.level = 2)"
    " ORDER BY c.position, c.code";
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  WgStmt *stmt = wg_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (grid_code != NULL)
    wg_stmt_bind_text_static (stmt, 1, grid_code);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      char **child = g_new0 (char *, 3);

      child[0] = g_strdup (col (stmt, 0));
      child[1] = g_strdup (col (stmt, 1));
      g_ptr_array_add (children, child);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < children->len; i++)
    {
      char **child = children->pdata[i];
      WgLevelCounts c;
      char numbers[12][16];
      const char *values[MAX_COLUMNS] = { child[0], child[1], level_words[wg_grid_code_get_level (child[0])] };
      guint f[12];

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !wg_store_count_grid (store, child[0], today, &c, error))
        return FALSE;
      f[0] = c.households; f[1] = c.persons; f[2] = c.away; f[3] = c.returnees; f[4] = c.monitoring;
      f[5] = c.home_quarantine; f[6] = c.central_quarantine; f[7] = c.fever_today; f[8] = c.nat_overdue;
      f[9] = c.staff; f[10] = c.sensors; f[11] = c.open_alerts;
      for (guint k = 0; k < 12; k++)
        {
          g_snprintf (numbers[k], sizeof numbers[k], "%u", f[k]);
          values[3 + k] = numbers[k];
        }
      if (!wg_table_writer_add_row (writer, values, error))
        return FALSE;
    }
  return TRUE;
}

static const WgColumn round_columns[] = {
  { "姓名", WG_COLUMN_TYPE_TEXT, 10 }, { "住址", WG_COLUMN_TYPE_TEXT, 32 }, { "原因", WG_COLUMN_TYPE_TEXT, 12 },
  { "上午体温", WG_COLUMN_TYPE_NUMBER, 10 }, { "下午体温", WG_COLUMN_TYPE_NUMBER, 10 },
};

static gboolean
export_round (WgStore        *store,
              WgTableWriter  *writer,
              const char     *grid_code,
              const char     *today,
              GError        **error)
{
  g_autoptr(GPtrArray) entries = wg_store_list_round (store, grid_code, today, error);

  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      const WgRoundEntry *e = entries->pdata[i];
      char morning[8] = "", afternoon[8] = "";
      const char *values[] = { e->name, e->address, e->why, morning, afternoon };

      if (e->morning_tenths > 0)
        g_snprintf (morning, sizeof morning, "%d.%d", e->morning_tenths / 10, e->morning_tenths % 10);
      if (e->afternoon_tenths > 0)
        g_snprintf (afternoon, sizeof afternoon, "%d.%d", e->afternoon_tenths / 10, e->afternoon_tenths % 10);
      if (!wg_table_writer_add_row (writer, values, error))
        return FALSE;
    }
  return TRUE;
}

static const WgColumn alert_columns[] = {
  { "编号", WG_COLUMN_TYPE_NUMBER, 8 }, { "等级", WG_COLUMN_TYPE_TEXT, 6 }, { "类型", WG_COLUMN_TYPE_TEXT, 14 },
  { "状态", WG_COLUMN_TYPE_TEXT, 8 }, { "设备", WG_COLUMN_TYPE_TEXT, 18 }, { "户编码", WG_COLUMN_TYPE_TEXT, 18 },
  { "住址", WG_COLUMN_TYPE_TEXT, 32 }, { "网格编码", WG_COLUMN_TYPE_TEXT, 18 }, { "开始时间", WG_COLUMN_TYPE_TIME, 18 },
  { "最近事件", WG_COLUMN_TYPE_TIME, 18 }, { "次数", WG_COLUMN_TYPE_NUMBER, 6 }, { "网格员", WG_COLUMN_TYPE_TEXT, 10 },
  { "网格员电话", WG_COLUMN_TYPE_TEXT, 14 }, { "确认人", WG_COLUMN_TYPE_TEXT, 10 }, { "确认时间", WG_COLUMN_TYPE_TIME, 18 },
  { "处置时间", WG_COLUMN_TYPE_TIME, 18 },
};

static const char *
severity_word (int severity)
{
  return severity >= 3 ? "高" : severity == 2 ? "中" : "低";
}

static const char *
alert_state_word (int state)
{
  static const char *const words[] = { "待处置", "已确认", "已派单", "已处置" };

  return state >= 0 && state < 4 ? words[state] : "";
}

static gboolean
export_alerts (WgStore        *store,
               WgTableWriter  *writer,
               const char     *grid_code,
               GError        **error)
{
  g_autoptr(GPtrArray) alerts = wg_store_list_alerts (store, FALSE, NULL, error);

  if (alerts == NULL)
    return FALSE;
  for (guint i = 0; i < alerts->len; i++)
    {
      const WgAlertInfo *a = alerts->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, a->id);
      g_autofree char *count = g_strdup_printf ("%u", a->event_count);
      const char *values[] = {
        id, severity_word (a->severity), wg_alert_kind_describe (a->kind), alert_state_word (a->state),
        a->device, a->household_code, a->address, a->grid_code, a->opened_at, a->last_event_at, count,
        a->worker, a->worker_phone, a->acknowledged_by, a->acknowledged_at, a->resolved_at,
      };

      if (grid_code != NULL && !g_str_has_prefix (a->grid_code != NULL ? a->grid_code : "", grid_code))
        continue;
      if (!wg_table_writer_add_row (writer, values, error))
        return FALSE;
    }
  return TRUE;
}

static const WgColumn sensor_columns[] = {
  { "设备", WG_COLUMN_TYPE_TEXT, 18 }, { "型号", WG_COLUMN_TYPE_TEXT, 12 }, { "户编码", WG_COLUMN_TYPE_TEXT, 18 },
  { "住址", WG_COLUMN_TYPE_TEXT, 32 }, { "布防", WG_COLUMN_TYPE_TEXT, 6 }, { "在线", WG_COLUMN_TYPE_TEXT, 6 },
  { "门", WG_COLUMN_TYPE_TEXT, 6 }, { "电量", WG_COLUMN_TYPE_NUMBER, 6 }, { "最后上报", WG_COLUMN_TYPE_TIME, 18 },
};

static gboolean
export_sensors (WgStore        *store,
                WgTableWriter  *writer,
                const char     *today,
                GError        **error)
{
  g_autoptr(GPtrArray) sensors = wg_store_list_sensors (store, today, error);

  if (sensors == NULL)
    return FALSE;
  for (guint i = 0; i < sensors->len; i++)
    {
      const WgSensorInfo *s = sensors->pdata[i];
      g_autofree char *battery = s->battery >= 0 ? g_strdup_printf ("%d", s->battery) : NULL;
      const char *values[] = {
        s->device, s->model, s->household_code, s->address, s->armed ? "是" : "否",
        s->online < 0 ? "未知" : s->online ? "在线" : "离线",
        s->contact < 0 ? "未知" : s->contact ? "关" : "开", battery, s->last_seen,
      };

      if (!wg_table_writer_add_row (writer, values, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * wg_export_write_list:
 * @grid_code: (nullable): limit the list to a grid's subtree (for "grids":
 *   the grid whose children are listed); %NULL for the county
 * @today: the day the round and the counts speak of
 * @rows: (out) (optional): how many rows were written
 *
 * Writes one of the lists to @path as CSV or XLSX, in one go: the file is
 * whole or not there.
 */
gboolean
wg_export_write_list (WgStore        *store,
                      WgExportList    list,
                      const char     *grid_code,
                      const char     *today,
                      const char     *path,
                      WgTableFormat   format,
                      GCancellable   *cancellable,
                      guint          *rows,
                      GError        **error)
{
  static const struct
  {
    const WgColumn *columns;
    guint n_columns;
  } layouts[] = {
    [WG_EXPORT_LIST_PERSONS] = { person_columns, G_N_ELEMENTS (person_columns) },
    [WG_EXPORT_LIST_HOUSEHOLDS] = { household_columns, G_N_ELEMENTS (household_columns) },
    [WG_EXPORT_LIST_GRIDS] = { grid_columns, G_N_ELEMENTS (grid_columns) },
    [WG_EXPORT_LIST_ROUND] = { round_columns, G_N_ELEMENTS (round_columns) },
    [WG_EXPORT_LIST_ALERTS] = { alert_columns, G_N_ELEMENTS (alert_columns) },
    [WG_EXPORT_LIST_SENSORS] = { sensor_columns, G_N_ELEMENTS (sensor_columns) },
    [WG_EXPORT_LIST_RETURNEES] = { returnee_columns, G_N_ELEMENTS (returnee_columns) },
  };
  g_autoptr(WgTableWriter) writer = NULL;
  g_autofree char *detail = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (list < G_N_ELEMENTS (layouts), FALSE);

  if (list == WG_EXPORT_LIST_ROUND && grid_code == NULL)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("A temperature round is a grid's: name the grid."));
      return FALSE;
    }
  if (!check_grid (store, grid_code, error))
    return FALSE;
  if (!(writer = wg_table_writer_new (path, format, wg_export_list_title (list), layouts[list].columns,
                                      layouts[list].n_columns, error)))
    return FALSE;

  switch (list)
    {
    case WG_EXPORT_LIST_PERSONS:
      ok = export_query (store, writer, person_sql, grid_code, fill_person, cancellable, error);
      break;
    case WG_EXPORT_LIST_HOUSEHOLDS:
      ok = export_query (store, writer, household_sql, grid_code, fill_household, cancellable, error);
      break;
    case WG_EXPORT_LIST_RETURNEES:
      ok = export_query (store, writer, returnee_sql, grid_code, fill_returnee, cancellable, error);
      break;
    case WG_EXPORT_LIST_GRIDS:
      ok = export_grids (store, writer, grid_code, today, cancellable, error);
      break;
    case WG_EXPORT_LIST_ROUND:
      ok = export_round (store, writer, grid_code, today, error);
      break;
    case WG_EXPORT_LIST_ALERTS:
      ok = export_alerts (store, writer, grid_code, error);
      break;
    case WG_EXPORT_LIST_SENSORS:
      ok = export_sensors (store, writer, today, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (rows != NULL)
    *rows = wg_table_writer_get_rows (writer);
  if (!ok || !wg_table_writer_finish (writer, error))
    return FALSE;
  detail = g_strdup_printf ("%s %s rows:%u", list_names[list], grid_code != NULL ? grid_code : "",
                            wg_table_writer_get_rows (writer));
  /* The file is written: a log entry that cannot be made does not unmake it. */
  if (!wg_store_log_export (store, "list", detail, NULL))
    g_debug ("Export of %s not logged", path);
  return TRUE;
}

typedef void (*ItemFunc) (gconstpointer  item,
                          const char   *values[MAX_COLUMNS]);

/* A list already in memory (as the app shows it), one row per item. */
static gboolean
export_items (GPtrArray       *items,
              const char      *path,
              WgTableFormat    format,
              const char      *title,
              const WgColumn  *columns,
              guint            n_columns,
              ItemFunc         fill,
              guint           *rows,
              GError         **error)
{
  g_autoptr(WgTableWriter) writer = NULL;

  if (items == NULL || !(writer = wg_table_writer_new (path, format, title, columns, n_columns, error)))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      const char *values[MAX_COLUMNS] = { NULL };

      fill (items->pdata[i], values);
      if (!wg_table_writer_add_row (writer, values, error))
        return FALSE;
    }
  if (rows != NULL)
    *rows = wg_table_writer_get_rows (writer);
  return wg_table_writer_finish (writer, error);
}

static const WgColumn search_columns[] = {
  { "类别", WG_COLUMN_TYPE_TEXT, 6 }, { "名称", WG_COLUMN_TYPE_TEXT, 16 }, { "证件号/编码", WG_COLUMN_TYPE_TEXT, 20 },
  { "住址", WG_COLUMN_TYPE_TEXT, 32 }, { "网格编码", WG_COLUMN_TYPE_TEXT, 18 },
};

static void
fill_search_result (gconstpointer  item,
                    const char    *values[MAX_COLUMNS])
{
  static const char *const kind_words[] = { "", "人员", "住户", "网格", "标签" };
  const WgSearchResult *r = item;

  values[0] = kind_words[r->kind <= 4 ? r->kind : 0];
  values[1] = r->title;
  values[2] = r->detail;
  values[3] = r->location;
  values[4] = r->grid_code;
}

/**
 * wg_export_write_search:
 *
 * Every result of a search (not only the first screenful) to @path.
 */
gboolean
wg_export_write_search (WgStore        *store,
                        const char     *query,
                        const char     *path,
                        WgTableFormat   format,
                        guint          *rows,
                        GError        **error)
{
  g_autoptr(GPtrArray) results = wg_store_search (store, query, G_MAXINT, error);

  return export_items (results, path, format, "搜索结果", search_columns, G_N_ELEMENTS (search_columns),
                       fill_search_result, rows, error);
}

static const WgColumn status_columns[] = {
  { "姓名", WG_COLUMN_TYPE_TEXT, 10 }, { "户编码", WG_COLUMN_TYPE_TEXT, 18 }, { "住址", WG_COLUMN_TYPE_TEXT, 32 },
  { "网格编码", WG_COLUMN_TYPE_TEXT, 18 }, { "情况", WG_COLUMN_TYPE_TEXT, 28 },
};

static void
fill_status_person (gconstpointer  item,
                    const char    *values[MAX_COLUMNS])
{
  const WgStatusPerson *p = item;

  values[0] = p->name;
  values[1] = p->household_code;
  values[2] = p->address;
  values[3] = p->grid_code;
  values[4] = p->printed_fact;
}

/**
 * wg_export_write_status:
 *
 * The people behind a figure of a grid page, as the list it opens shows them.
 */
gboolean
wg_export_write_status (WgStore        *store,
                        const char     *grid_code,
                        WgStatus        status,
                        const char     *today,
                        const char     *path,
                        WgTableFormat   format,
                        guint          *rows,
                        GError        **error)
{
  g_autoptr(GPtrArray) people = wg_store_list_status_people (store, grid_code, status, today, error);

  return export_items (people, path, format, "名单", status_columns, G_N_ELEMENTS (status_columns),
                       fill_status_person, rows, error);
}

static void
fill_roster_row (gconstpointer  item,
                 const char    *values[MAX_COLUMNS])
{
  const char *const *cells = item;

  for (guint i = 0; i < 9; i++)
    values[i] = cells[i];
}

/**
 * wg_export_write_roster:
 * @store: a #WgStore
 * @monday: the week's first day
 * @path: where
 * @format: CSV or XLSX
 * @rows: (out) (optional): how many rows were written
 * @error: return location for a #GError
 *
 * The week's roster as printed (wg_store_build_roster_table ()): place,
 * shift and a column per day (its date in the header).
 *
 * Returns: %TRUE on success
 */
gboolean
wg_export_write_roster (WgStore        *store,
                        const char     *monday,
                        const char     *path,
                        WgTableFormat   format,
                        guint          *rows,
                        GError        **error)
{
  static const char *const weekdays[] = { "周一", "周二", "周三", "周四", "周五", "周六", "周日" };
  g_autoptr(GPtrArray) table = wg_store_build_roster_table (store, monday, error);
  char *titles[7] = { NULL };
  WgColumn columns[9] = {
    { "卡口/社区", WG_COLUMN_TYPE_TEXT, 22 }, { "班次", WG_COLUMN_TYPE_TEXT, 12 },
  };
  GDate date;
  gboolean ok;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, monday);
  for (guint d = 0; d < 7; d++, g_date_add_days (&date, 1))
    {
      titles[d] = g_strdup_printf ("%s %04u-%02u-%02u", weekdays[d], g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date));
      columns[2 + d].header = titles[d];
      columns[2 + d].type = WG_COLUMN_TYPE_TEXT;
      columns[2 + d].width = 20;
    }
  ok = export_items (table, path, format, "值班值守表", columns, G_N_ELEMENTS (columns), fill_roster_row, rows, error);
  for (guint d = 0; d < 7; d++)
    g_free (titles[d]);
  return ok;
}
