/* wg-store-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading one person's file for display: identity, and each kind of record
 * as a table of ready-to-show cells (dates, tenths of a degree as °C, codes
 * as words), newest first. One description per kind: its SQL, its columns
 * and how each cell is written.
 */

#define G_LOG_DOMAIN "wg-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wg-store-records.h"
#include "wg-idnum.h"
#include "wg-store-private.h"

typedef enum
{
  CELL_TEXT,
  CELL_COLOUR,
  CELL_RISK,
  CELL_TUBE,
  CELL_RESULT,
  CELL_QUARANTINE_KIND,
  CELL_TENTHS,
  CELL_SEX,
  CELL_RESIDENCY,
  CELL_BYTES,
  CELL_TRANSFER_STATE,
  CELL_ORDER_STATE,
} CellFormat;

#define MAX_COLUMNS 7

typedef struct
{
  const char *title;
  const char *sql; /* ?1: the owner; first column the row's id */
  const char *columns[MAX_COLUMNS];
  CellFormat formats[MAX_COLUMNS];
  /* For printed documents, which are in Chinese whatever the interface's
   * language: the same words, written here and not translated. */
  const char *print_title;
  const char *print_columns[MAX_COLUMNS];
} KindSpec;

static const KindSpec kinds[WG_RECORD_N_KINDS] = {
  [WG_RECORD_KIND_HEALTH_CODE] = {
    N_("Health Code"),
    "SELECT id, day, colour FROM health_code WHERE person_id = ?1 ORDER BY day DESC",
    { N_("Day"), N_("Colour") }, { CELL_TEXT, CELL_COLOUR },
    "健康码记录", { "日期", "颜色" } },
  [WG_RECORD_KIND_ITINERARY] = {
    N_("Itinerary"),
    "SELECT id, place, arrived_on, coalesce (left_on, ''), risk FROM itinerary"
    " WHERE person_id = ?1 ORDER BY arrived_on DESC",
    { N_("Place"), N_("Arrived"), N_("Left"), N_("Risk") },
    { CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_RISK },
    "行程轨迹", { "地点", "到达", "离开", "风险" } },
  [WG_RECORD_KIND_VACCINATION] = {
    N_("Vaccination"),
    "SELECT id, dose, given_on, product, coalesce (batch, ''), coalesce (site, '') FROM vaccination"
    " WHERE person_id = ?1 ORDER BY dose",
    { N_("Dose"), N_("Date"), N_("Product"), N_("Batch"), N_("Site") },
    { CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TEXT },
    "疫苗接种", { "剂次", "日期", "疫苗", "批号", "接种点" } },
  [WG_RECORD_KIND_NAT_TEST] = {
    N_("Nucleic-Acid Tests"),
    "SELECT id, sampled_at, institution, tube, result FROM nat_test"
    " WHERE person_id = ?1 ORDER BY sampled_at DESC",
    { N_("Sampled"), N_("Institution"), N_("Tube"), N_("Result") },
    { CELL_TEXT, CELL_TEXT, CELL_TUBE, CELL_RESULT },
    "核酸检测", { "采样时间", "检测机构", "单管/混管", "结果" } },
  [WG_RECORD_KIND_TEMPERATURE] = {
    N_("Temperature"),
    "SELECT t.id, t.measured_at, t.tenths, coalesce (s.name, '') FROM temperature t"
    " LEFT JOIN staff s ON s.id = t.staff_id WHERE t.person_id = ?1 ORDER BY t.measured_at DESC",
    { N_("Measured"), N_("°C"), N_("By") }, { CELL_TEXT, CELL_TENTHS, CELL_TEXT },
    "体温记录", { "测量时间", "体温 °C", "测量人" } },
  [WG_RECORD_KIND_QUARANTINE] = {
    N_("Quarantine"),
    "SELECT q.id, q.kind, coalesce (qs.name, ''), coalesce (q.room, ''), q.start_day, q.end_day,"
    "  coalesce (s.name, '') FROM quarantine q"
    " LEFT JOIN quarantine_site qs ON qs.id = q.site_id LEFT JOIN staff s ON s.id = q.staff_id"
    " WHERE q.person_id = ?1 ORDER BY q.start_day DESC",
    { N_("Where"), N_("Quarantine site"), N_("Room"), N_("From"), N_("To"), N_("Responsible") },
    { CELL_QUARANTINE_KIND, CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TEXT },
    "隔离记录", { "方式", "隔离点", "房间", "开始", "结束", "责任人" } },
  [WG_RECORD_KIND_ATTACHMENT] = {
    N_("Attachments"),
    "SELECT id, title, mime_type, length (data), added_at FROM attachment"
    " WHERE person_id = ?1 ORDER BY added_at DESC",
    { N_("Title"), N_("Type"), N_("Size"), N_("Added") },
    { CELL_TEXT, CELL_TEXT, CELL_BYTES, CELL_TEXT },
    "附件", { "标题", "类型", "大小", "添加时间" } },
  [WG_RECORD_KIND_HISTORY] = {
    N_("History of Changes"),
    "SELECT id, at, operator, action, coalesce (detail, '') FROM audit_log"
    " WHERE entity = 'person' AND entity_id = ?1 ORDER BY id DESC",
    { N_("When"), N_("Operator"), N_("Change"), N_("Detail") },
    { CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TEXT },
    "修改记录", { "时间", "操作员", "操作", "详情" } },
  [WG_RECORD_KIND_MEMBERS] = {
    N_("Members"),
    "SELECT p.id, p.name, coalesce (p.relation, ''), p.sex, p.birth_date, p.residency,"
    "  coalesce (p.phone, ''),"
    "  coalesce ((SELECT max (q.end_day) FROM quarantine q WHERE q.person_id = p.id"
    "             AND q.start_day <= date ('now', 'localtime')"
    "             AND q.end_day >= date ('now', 'localtime')), '')"
    " FROM person p WHERE p.household_id = ?1 ORDER BY p.id",
    { N_("Name"), N_("Relation"), N_("Sex"), N_("Born"), N_("Status"), N_("Phone"),
      N_("In quarantine until") },
    { CELL_TEXT, CELL_TEXT, CELL_SEX, CELL_TEXT, CELL_RESIDENCY, CELL_TEXT, CELL_TEXT },
    "家庭成员", { "姓名", "关系", "性别", "出生日期", "现状", "联系电话", "隔离至" } },
  [WG_RECORD_KIND_ROOM_STAY] = {
    N_("Rooms at Central Sites"),
    "SELECT st.id, s.name, r.number, st.from_day, st.to_day, coalesce (st.checked_in_at, ''),"
    "  coalesce (st.checked_out_at, '') FROM room_stay st JOIN site_room r ON r.id = st.room_id"
    " JOIN quarantine_site s ON s.id = r.site_id WHERE st.person_id = ?1 ORDER BY st.from_day DESC, st.id DESC",
    { N_("Quarantine site"), N_("Room"), N_("From"), N_("To"), N_("Checked in"), N_("Checked out") },
    { CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TEXT },
    "隔离房间", { "隔离点", "房间", "开始", "结束", "入住时间", "退房时间" } },
  [WG_RECORD_KIND_TRANSFER] = {
    N_("Point-to-Point Transfers"),
    "SELECT t.id, t.day, t.from_place, coalesce (s.name, h.address), t.vehicle, t.state, coalesce (t.handed_to, '')"
    " FROM transfer t JOIN transfer_person tp ON tp.transfer_id = t.id AND tp.person_id = ?1"
    " LEFT JOIN quarantine_site s ON s.id = t.to_site_id LEFT JOIN household h ON h.id = t.to_household_id"
    " ORDER BY t.day DESC, t.id DESC",
    { N_("Day"), N_("From"), N_("To"), N_("Vehicle"), N_("State"), N_("Handed over to") },
    { CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TRANSFER_STATE, CELL_TEXT },
    "点对点转运", { "日期", "出发地", "目的地", "车牌号", "状态", "接收人" } },
  [WG_RECORD_KIND_HELP_ORDER] = {
    N_("Help Orders"),
    "SELECT o.id, o.ordered_at, o.detail, o.due_at, o.state, coalesce (w.name, '')"
    " FROM help_order o LEFT JOIN staff w ON w.id = o.worker_id WHERE o.household_id = ?1"
    " ORDER BY o.state >= 3, o.ordered_at DESC, o.id DESC",
    { N_("Ordered at"), N_("Detail"), N_("To be done by"), N_("State"), N_("Grid worker") },
    { CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_ORDER_STATE, CELL_TEXT },
    "帮办点单", { "点单时间", "事项", "时限", "状态", "网格员" } },
  [WG_RECORD_KIND_DISINFECTION] = {
    N_("Disinfection Visits"),
    "SELECT v.id, v.visited_at, coalesce (v.due_at, ''), v.done_by, coalesce (v.what, '')"
    " FROM disinfection_visit v WHERE v.household_id = ?1 ORDER BY v.visited_at DESC, v.id DESC",
    { N_("Visited"), N_("Planned for"), N_("By"), N_("What") },
    { CELL_TEXT, CELL_TEXT, CELL_TEXT, CELL_TEXT },
    "上门消杀", { "消杀时间", "计划时间", "消杀人", "内容" } },
};

void
wg_record_table_free (WgRecordTable *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->columns);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->ids, g_array_unref);
  g_clear_pointer (&table->alerts, g_array_unref);
  g_free (table);
}

const char *
wg_record_kind_describe (WgRecordKind kind)
{
  g_return_val_if_fail (kind < WG_RECORD_N_KINDS, NULL);

  return _(kinds[kind].title);
}

/* Words for codes: translated for the screen, Chinese on paper. */
#define WORD(printed, english, chinese) ((printed) ? (chinese) : _(english))

static const char *
residency_word (int      residency,
                gboolean printed)
{
  switch (residency)
    {
    case WG_RESIDENCY_AWAY:
      return WORD (printed, N_("Away from home"), "外出");
    case WG_RESIDENCY_RETURNEE:
      return WORD (printed, N_("Returnee"), "返乡");
    case WG_RESIDENCY_HOME:
    default:
      return WORD (printed, N_("At home"), "在家");
    }
}

/**
 * wg_residency_describe:
 * @residency: a #WgResidency
 *
 * Returns: where the person is, in words
 */
const char *
wg_residency_describe (int residency)
{
  return residency_word (residency, FALSE);
}

/* Whether the cell is something a reader must not miss: a positive test, a
 * high-risk place, a red code, a fever. */
static gboolean
cell_is_alert (WgStmt *stmt,
               int           column,
               CellFormat    format)
{
  int value = wg_stmt_column_int (stmt, column);

  switch (format)
    {
    case CELL_COLOUR:
      return value == WG_HEALTH_CODE_RED;
    case CELL_RISK:
      return value == 2;
    case CELL_RESULT:
      return value == WG_NAT_RESULT_POSITIVE;
    case CELL_TENTHS:
      return value >= WG_FEVER_TENTHS;
    default:
      return FALSE;
    }
}

static char *
format_cell (WgStmt *stmt,
             int           column,
             CellFormat    format,
             gboolean      printed)
{
  int value = wg_stmt_column_int (stmt, column);

  switch (format)
    {
    case CELL_COLOUR:
      return g_strdup (value == WG_HEALTH_CODE_RED ? WORD (printed, N_("Red"), "红码")
                       : value == WG_HEALTH_CODE_YELLOW ? WORD (printed, N_("Yellow"), "黄码")
                       : WORD (printed, N_("Green"), "绿码"));
    case CELL_RISK:
      return g_strdup (value == 2 ? WORD (printed, N_("High risk"), "高风险")
                       : value == 1 ? WORD (printed, N_("Medium risk"), "中风险")
                       : WORD (printed, N_("Low risk"), "低风险"));
    case CELL_TUBE:
      return g_strdup (value == 2 ? WORD (printed, N_("Pooled"), "混管") : WORD (printed, N_("Single"), "单管"));
    case CELL_RESULT:
      return g_strdup (value == WG_NAT_RESULT_POSITIVE ? WORD (printed, N_("Positive"), "阳性")
                       : value == WG_NAT_RESULT_NEGATIVE ? WORD (printed, N_("Negative"), "阴性")
                       : WORD (printed, N_("Pending"), "待出结果"));
    case CELL_QUARANTINE_KIND:
      return g_strdup (value == WG_QUARANTINE_KIND_CENTRAL ? WORD (printed, N_("Central quarantine"), "集中隔离")
                       : WORD (printed, N_("Home quarantine"), "居家隔离"));
    case CELL_TENTHS:
      return g_strdup_printf ("%d.%d", value / 10, value % 10);
    case CELL_SEX:
      return g_strdup (value == 1 ? WORD (printed, N_("Male"), "男") : WORD (printed, N_("Female"), "女"));
    case CELL_RESIDENCY:
      return g_strdup (residency_word (value, printed));
    case CELL_BYTES:
      if (printed)
        {
          gint64 bytes = wg_stmt_column_int64 (stmt, column);

          return bytes < 1000 ? g_strdup_printf ("%" G_GINT64_FORMAT " 字节", bytes)
                 : bytes < 1000 * 1000 ? g_strdup_printf ("%.1f KB", bytes / 1000.0)
                 : g_strdup_printf ("%.1f MB", bytes / 1000000.0);
        }
      return g_format_size (wg_stmt_column_int64 (stmt, column));
    case CELL_TRANSFER_STATE:
      return g_strdup (value == 3 ? WORD (printed, N_("Handed over"), "已交接")
                       : value == 2 ? WORD (printed, N_("Picked up"), "已接到")
                       : value == 1 ? WORD (printed, N_("Dispatched"), "已派车")
                       : WORD (printed, N_("Planned"), "待派车"));
    case CELL_ORDER_STATE:
      return g_strdup (value == 1 ? WORD (printed, N_("Dispatched to a worker"), "已派单")
                       : value == 2 ? WORD (printed, N_("Accepted by the worker"), "已接单")
                       : value == 3 ? WORD (printed, N_("Done"), "已办结")
                       : value == 4 ? WORD (printed, N_("Cancelled"), "已取消")
                       : WORD (printed, N_("Ordered"), "已点单"));
    case CELL_TEXT:
    default:
      return g_strdup (wg_stmt_column_text (stmt, column));
    }
}

/**
 * wg_store_read_records:
 * @store: a #WgStore
 * @kind: which table of the file
 * @owner_id: the person (for members: the household)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
static WgRecordTable *
read_records (WgStore       *store,
              WgRecordKind   kind,
              gint64         owner_id,
              gboolean       printed,
              GError       **error)
{
  const KindSpec *spec;
  g_autoptr(WgRecordTable) table = NULL;
  GStrvBuilder *builder;
  WgStmt *stmt;
  guint n_columns = 0;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < WG_RECORD_N_KINDS, NULL);

  spec = &kinds[kind];
  while (n_columns < MAX_COLUMNS && spec->columns[n_columns] != NULL)
    n_columns++;

  table = g_new0 (WgRecordTable, 1);
  table->kind = kind;
  builder = g_strv_builder_new ();
  for (guint c = 0; c < n_columns; c++)
    g_strv_builder_add (builder, printed ? spec->print_columns[c] : _(spec->columns[c]));
  table->columns = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  table->alerts = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (!(stmt = wg_store_prepare (store, spec->sql, error)))
    return NULL;
  wg_stmt_bind_int64 (stmt, 1, owner_id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      char **cells = g_new0 (char *, n_columns + 1);
      gint64 id = wg_stmt_column_int64 (stmt, 0);
      guint32 alerts = 0;

      for (guint c = 0; c < n_columns; c++)
        {
          cells[c] = format_cell (stmt, c + 1, spec->formats[c], printed);
          if (cell_is_alert (stmt, c + 1, spec->formats[c]))
            alerts |= 1u << c;
        }
      g_ptr_array_add (table->rows, cells);
      g_array_append_val (table->ids, id);
      g_array_append_val (table->alerts, alerts);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&table);
}

/**
 * wg_store_read_records:
 * @store: a #WgStore
 * @kind: which table of the file
 * @owner_id: the person (for members: the household)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the table, in the interface's language, or
 *   %NULL with @error set
 */
WgRecordTable *
wg_store_read_records (WgStore       *store,
                       WgRecordKind   kind,
                       gint64         owner_id,
                       GError       **error)
{
  return read_records (store, kind, owner_id, FALSE, error);
}

/**
 * wg_store_read_printed_records:
 *
 * Like wg_store_read_records (), with titles and words in Chinese for
 * printed documents.
 */
WgRecordTable *
wg_store_read_printed_records (WgStore       *store,
                               WgRecordKind   kind,
                               gint64         owner_id,
                               GError       **error)
{
  return read_records (store, kind, owner_id, TRUE, error);
}

/**
 * wg_record_kind_print_title:
 *
 * Returns: the kind's title on paper, in Chinese
 */
const char *
wg_record_kind_print_title (WgRecordKind kind)
{
  g_return_val_if_fail (kind < WG_RECORD_N_KINDS, NULL);

  return kinds[kind].print_title;
}

void
wg_person_info_free (WgPersonInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id_number);
  g_free (info->name);
  g_free (info->birth_date);
  g_free (info->phone);
  g_free (info->relation);
  g_free (info->away_place);
  g_free (info->returned_on);
  g_free (info->household_code);
  g_free (info->address);
  g_free (info->grid_code);
  g_free (info);
}

/**
 * wg_store_read_person:
 * @store: a #WgStore
 * @person_id: a person
 * @error: return location for a #GError
 *
 * Returns: (transfer full): who the person is and where they live, or %NULL
 *   with @error set (NOT_FOUND for an unknown person)
 */
WgPersonInfo *
wg_store_read_person (WgStore  *store,
                      gint64    person_id,
                      GError  **error)
{
  static const char sql[] =
    "SELECT p.id_number, p.name, p.sex, p.birth_date, p.phone, p.relation, p.residency,"
    "  p.away_place, p.returned_on, p.monitoring, p.household_id, h.code, h.address, g.code, p.version"
    " FROM person p LEFT JOIN household h ON h.id = p.household_id"
    " LEFT JOIN grid g ON g.id = h.grid_id WHERE p.id = ?";
  WgPersonInfo *info;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  rc = wg_stmt_step (stmt);
  if (rc != WG_STMT_ROW)
    {
      wg_stmt_reset (stmt);
      if (rc == WG_STMT_DONE)
        g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                             _("This person is no longer in the database."));
      else
        wg_store_set_error (store, rc, error);
      return NULL;
    }

#define TEXT(i) g_strdup (wg_stmt_column_text (stmt, (i)))
  info = g_new0 (WgPersonInfo, 1);
  info->id = person_id;
  info->id_number = TEXT (0);
  info->name = TEXT (1);
  info->sex = wg_stmt_column_int (stmt, 2);
  info->birth_date = TEXT (3);
  info->phone = TEXT (4);
  info->relation = TEXT (5);
  info->residency = wg_stmt_column_int (stmt, 6);
  info->version = wg_stmt_column_int64 (stmt, 14);
  info->away_place = TEXT (7);
  info->returned_on = TEXT (8);
  info->monitoring = wg_stmt_column_int (stmt, 9);
  info->household_id = wg_stmt_column_int64 (stmt, 10);
  info->household_code = TEXT (11);
  info->address = TEXT (12);
  info->grid_code = TEXT (13);
#undef TEXT
  wg_stmt_reset (stmt);
  return info;
}

/**
 * wg_store_add_nat_test:
 * @store: a #WgStore
 * @person_id: whose
 * @sampled_at: when, YYYY-MM-DD HH:MM:SS
 * @institution: the laboratory
 * @pooled: a pooled tube (混管)
 * @result: a #WgNatResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
/* Records a test inside the caller's transaction, and fulfils with it the
 * person's earliest scheduled test still open and due on its day or before
 * (an overdue one is done late, not twice). */
static gboolean
insert_nat_test (WgStore      *store,
                 gint64        person_id,
                 const char   *sampled_at,
                 const char   *institution,
                 gboolean      pooled,
                 WgNatResult   result,
                 GError      **error)
{
  static const char sql[] =
    "INSERT INTO nat_test (person_id, sampled_at, institution, tube, result) VALUES (?, ?, ?, ?, ?)";
  static const char fulfil_sql[] =
    "UPDATE test_schedule SET test_id = ?1 WHERE id = (SELECT id FROM test_schedule"
    "  WHERE person_id = ?2 AND test_id IS NULL AND day <= substr (?3, 1, 10) ORDER BY day LIMIT 1)";
  g_autofree char *detail = NULL;
  gint64 test_id;
  WgStmt *stmt;

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text (stmt, 2, sampled_at);
  wg_stmt_bind_text (stmt, 3, institution);
  wg_stmt_bind_int (stmt, 4, pooled ? 2 : 1);
  wg_stmt_bind_int (stmt, 5, result);
  if (!wg_store_step_done (store, stmt, error))
    return FALSE;
  test_id = wg_store_last_insert_id (store);
  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": %s %s %d", person_id, sampled_at, institution,
                            result);
  if (!wg_store_log (store, "insert", "nat_test", test_id, detail, error) ||
      !(stmt = wg_store_prepare (store, fulfil_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, test_id);
  wg_stmt_bind_int64 (stmt, 2, person_id);
  wg_stmt_bind_text (stmt, 3, sampled_at);
  return wg_store_step_done (store, stmt, error);
}

gboolean
wg_store_add_nat_test (WgStore     *store,
                       gint64       person_id,
                       const char  *sampled_at,
                       const char  *institution,
                       gboolean     pooled,
                       WgNatResult  result,
                       GError     **error)
{
  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_time (sampled_at, _("Sampled"), error) ||
      !wg_store_check_text (institution, 64, _("Institution"), error) || !wg_store_begin (store, error))
    return FALSE;
  if (!insert_nat_test (store, person_id, sampled_at, institution, pooled, result, error))
    {
      wg_store_rollback (store);
      return FALSE;
    }
  return wg_store_commit (store, error);
}

/**
 * wg_store_record_sampling:
 * @store: a #WgStore
 * @sampled_at: when the round sampled ("YYYY-MM-DD HH:MM:SS")
 * @institution: who tested
 * @pooled: pooled tubes (混管)
 * @samples: (element-type WgSample): the round's ID numbers and results
 * @positives: (out) (optional) (transfer full) (element-type gint64): the
 *   people found positive, to raise at once
 * @error: return location for a #GError
 *
 * Records a sampling round's results all at once or not at all: an ID
 * number not in the county, or given twice, refuses the round, naming the
 * lines. Each result fulfils the person's scheduled test (as
 * wg_store_add_nat_test() does).
 *
 * Returns: %TRUE when every result was recorded
 */
gboolean
wg_store_record_sampling (WgStore       *store,
                          const char    *sampled_at,
                          const char    *institution,
                          gboolean       pooled,
                          GPtrArray     *samples,
                          GArray       **positives,
                          GError       **error)
{
  static const char find_sql[] = "SELECT id FROM person WHERE id_number = ?";
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) positive = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (samples != NULL, FALSE);

  if (!wg_store_check_time (sampled_at, _("Sampled"), error) ||
      !wg_store_check_text (institution, 64, _("Institution"), error))
    return FALSE;
  if (samples->len == 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID, _("The round has no results."));
      return FALSE;
    }
  for (guint i = 0; i < samples->len; i++)
    {
      const WgSample *sample = g_ptr_array_index (samples, i);
      WgStmt *stmt;
      gint64 id = 0;
      int rc;

      if (!g_hash_table_add (seen, (gpointer) sample->id_number))
        {
          g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                       _("Line %u gives %s a second time: nothing was recorded."), sample->line, sample->id_number);
          return FALSE;
        }
      if (!(stmt = wg_store_prepare (store, find_sql, error)))
        return FALSE;
      wg_stmt_bind_text (stmt, 1, sample->id_number);
      rc = wg_stmt_step (stmt);
      if (rc == WG_STMT_ROW)
        id = wg_stmt_column_int64 (stmt, 0);
      wg_stmt_reset (stmt);
      if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
        {
          wg_store_set_error (store, rc, error);
          return FALSE;
        }
      if (id == 0 && n_missing++ < 10)
        g_string_append_printf (missing, "%s%u (%s)", missing->len > 0 ? ", " : "", sample->line, sample->id_number);
      g_array_append_val (found, id);
    }
  if (n_missing > 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                   g_dngettext (GETTEXT_PACKAGE, "%u ID number is not in the county — line %s: nothing was recorded.",
                                "%u ID numbers are not in the county — lines %s: nothing was recorded.", n_missing),
                   n_missing, missing->str);
      return FALSE;
    }

  if (!wg_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < samples->len; i++)
    {
      const WgSample *sample = g_ptr_array_index (samples, i);
      gint64 id = g_array_index (found, gint64, i);

      if (!insert_nat_test (store, id, sampled_at, institution, pooled, sample->result, error))
        {
          wg_store_rollback (store);
          g_prefix_error (error, _("Line %u: "), sample->line);
          return FALSE;
        }
      if (sample->result == WG_NAT_RESULT_POSITIVE)
        g_array_append_val (positive, id);
    }
  if (!wg_store_commit (store, error))
    return FALSE;
  if (positives != NULL)
    *positives = g_steal_pointer (&positive);
  return TRUE;
}

/**
 * wg_store_add_vaccination:
 * @store: a #WgStore
 * @person_id: whose
 * @dose: which dose, from 1
 * @given_on: the day
 * @product: the vaccine
 * @batch: (nullable): its batch
 * @site: (nullable): where
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; a CONSTRAINT error for a dose recorded already
 */
gboolean
wg_store_add_vaccination (WgStore     *store,
                          gint64       person_id,
                          int          dose,
                          const char  *given_on,
                          const char  *product,
                          const char  *batch,
                          const char  *site,
                          GError     **error)
{
  static const char sql[] =
    "INSERT INTO vaccination (person_id, dose, given_on, product, batch, site) VALUES (?, ?, ?, ?, ?, ?)";
  g_autofree char *detail = NULL;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (dose < 1 || dose > 6)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID, _("A dose is numbered 1 to 6."));
      return FALSE;
    }
  if (!wg_store_check_day (given_on, _("Date"), error) || !wg_store_check_text (product, 64, _("Vaccine"), error))
    return FALSE;
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_int (stmt, 2, dose);
  wg_stmt_bind_text (stmt, 3, given_on);
  wg_stmt_bind_text (stmt, 4, product);
  if (batch != NULL && *batch != '\0')
    wg_stmt_bind_text (stmt, 5, batch);
  if (site != NULL && *site != '\0')
    wg_stmt_bind_text (stmt, 6, site);
  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": dose %d %s %s", person_id, dose, given_on, product);
  return wg_store_insert_and_log (store, stmt, "vaccination", detail, NULL, error);
}

/**
 * wg_store_add_health_code:
 *
 * Records the colour of a person's health code on a day (one per day).
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_add_health_code (WgStore       *store,
                          gint64         person_id,
                          const char    *day,
                          WgHealthCode   colour,
                          GError       **error)
{
  static const char sql[] = "INSERT INTO health_code (person_id, day, colour) VALUES (?, ?, ?)";
  g_autofree char *detail = NULL;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_day (day, _("Day"), error))
    return FALSE;
  if (colour < WG_HEALTH_CODE_GREEN || colour > WG_HEALTH_CODE_RED)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A health code is green, yellow or red."));
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text (stmt, 2, day);
  wg_stmt_bind_int (stmt, 3, colour);
  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": %s %d", person_id, day, colour);
  return wg_store_insert_and_log (store, stmt, "health_code", detail, NULL, error);
}

/**
 * wg_store_add_itinerary:
 * @store: a #WgStore
 * @person_id: whose
 * @place: where
 * @arrived_on: from
 * @left_on: (nullable): until; %NULL while still there
 * @risk: 0 low, 1 medium, 2 high
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_add_itinerary (WgStore     *store,
                        gint64       person_id,
                        const char  *place,
                        const char  *arrived_on,
                        const char  *left_on,
                        int          risk,
                        GError     **error)
{
  static const char sql[] =
    "INSERT INTO itinerary (person_id, place, arrived_on, left_on, risk) VALUES (?, ?, ?, ?, ?)";
  g_autofree char *detail = NULL;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);

  if (!wg_store_check_text (place, 128, _("Place"), error) || !wg_store_check_day (arrived_on, _("Arrived"), error) ||
      (left_on != NULL && *left_on != '\0' && !wg_store_check_day (left_on, _("Left"), error)))
    return FALSE;
  if (left_on != NULL && *left_on != '\0' && strcmp (left_on, arrived_on) < 0)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("One leaves a place after arriving."));
      return FALSE;
    }
  if (risk < 0 || risk > 2)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                           _("A place's risk is low, medium or high."));
      return FALSE;
    }
  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text (stmt, 2, place);
  wg_stmt_bind_text (stmt, 3, arrived_on);
  if (left_on != NULL && *left_on != '\0')
    wg_stmt_bind_text (stmt, 4, left_on);
  wg_stmt_bind_int (stmt, 5, risk);
  detail = g_strdup_printf ("person %" G_GINT64_FORMAT ": %s %s", person_id, place, arrived_on);
  return wg_store_insert_and_log (store, stmt, "itinerary", detail, NULL, error);
}

gboolean
wg_store_add_temperature (WgStore     *store,
                          gint64       person_id,
                          const char  *measured_at,
                          int          tenths,
                          GError     **error)
{
  static const char sql[] =
    "INSERT INTO temperature (person_id, measured_at, tenths) VALUES (?, ?, ?)";
  g_autofree char *detail = NULL;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (measured_at != NULL, FALSE);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text (stmt, 2, measured_at);
  wg_stmt_bind_int (stmt, 3, tenths);

  detail = g_strdup_printf ("%s %d.%d", measured_at, tenths / 10, ABS (tenths % 10));
  return wg_store_insert_and_log (store, stmt, "temperature", detail, NULL, error);
}

/**
 * wg_temperature_parse:
 * @text: a reading as typed: "36.5", "36,5" or "365" (tenths, as grid
 *   workers read them out on the phone)
 * @tenths: (out): the reading in tenths of a degree
 * @error: return location for a #GError in %WG_VALIDATE_ERROR
 *
 * Returns: %TRUE for a plausible body temperature, 34.0 to 43.0 °C
 */
gboolean
wg_temperature_parse (const char  *text,
                      int         *tenths,
                      GError     **error)
{
  g_autofree char *s = NULL;
  char *end = NULL;
  double value;

  g_return_val_if_fail (text != NULL && tenths != NULL, FALSE);

  s = g_strstrip (g_strdup (text));
  g_strdelimit (s, ",", '.');
  if (*s == '\0')
    {
      g_set_error_literal (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_EMPTY,
                           _("Type the temperature, like 36.5."));
      return FALSE;
    }

  value = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0')
    {
      g_set_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_CHARACTERS,
                   _("“%s” is not a temperature. Type it like 36.5."), text);
      return FALSE;
    }
  /* "365" read out as three digits means 36.5. */
  if (strchr (s, '.') == NULL && value >= 340 && value <= 430)
    value /= 10.0;

  if (value < 34.0 || value > 43.0)
    {
      g_set_error (error, WG_VALIDATE_ERROR, WG_VALIDATE_ERROR_RANGE,
                   _("%.1f °C is not a plausible body temperature (34.0 to 43.0). Measure again."),
                   value);
      return FALSE;
    }
  *tenths = (int) (value * 10.0 + 0.5);
  return TRUE;
}

/* A round is a half day: the morning before noon, the afternoon after. A
 * reading keyed in goes in at the round's nominal time, unless the round
 * already has one, which it then corrects. */
static const char *const round_times[] = { "08:00:00", "15:00:00" };

void
wg_round_entry_free (WgRoundEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->address);
  g_free (entry->why);
  g_free (entry);
}

/**
 * wg_store_list_round:
 * @store: a #WgStore
 * @grid_code: a village, group or micro-grid (any grid works)
 * @today: (nullable): the day, YYYY-MM-DD; %NULL for today
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WgRoundEntry): everyone under watch
 *   below the grid — in quarantine today or under health monitoring — in
 *   household order, with today's morning and afternoon readings
 */
GPtrArray *
wg_store_list_round (WgStore     *store,
                     const char  *grid_code,
                     const char  *today,
                     GError     **error)
{
  static const char sql[] =
    "SELECT p.id, p.name, h.address,"
    "  (SELECT max (q.kind) FROM quarantine q WHERE q.person_id = p.id"
    "    AND q.start_day <= ?2 AND q.end_day >= ?2),"
    "  p.monitoring,"
    "  (SELECT tenths FROM temperature t WHERE t.person_id = p.id"
    "    AND t.measured_at >= ?2 AND t.measured_at < ?2 || ' 12:00:00' ORDER BY t.measured_at DESC LIMIT 1),"
    "  (SELECT tenths FROM temperature t WHERE t.person_id = p.id"
    "    AND t.measured_at >= ?2 || ' 12:00:00' AND t.measured_at < date (?2, '+1 day')"
    "    ORDER BY t.measured_at DESC LIMIT 1),"
    "  EXISTS (SELECT 1 FROM round_absence a WHERE a.person_id = p.id AND a.day = ?2 AND a.round = 0),"
    "  EXISTS (SELECT 1 FROM round_absence a WHERE a.person_id = p.id AND a.day = ?2 AND a.round = 1)"
    " FROM grid m JOIN household h ON h.grid_id = m.id JOIN person p ON p.household_id = h.id"
    " WHERE m.level = 5 AND m.code >= ?1 AND m.code < ?1 || ':'"
    "   AND (p.monitoring = 1 OR EXISTS (SELECT 1 FROM quarantine q WHERE q.person_id = p.id"
    "                                    AND q.start_day <= ?2 AND q.end_day >= ?2))"
    " ORDER BY m.code, h.id, p.id";
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_round_entry_free);
  g_autofree char *day = today != NULL ? g_strdup (today) : wg_today ();
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);
  g_return_val_if_fail (grid_code != NULL, NULL);

  if (!(stmt = wg_store_prepare (store, sql, error)))
    return NULL;
  wg_stmt_bind_text (stmt, 1, grid_code);
  wg_stmt_bind_text (stmt, 2, day);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgRoundEntry *entry = g_new0 (WgRoundEntry, 1);
      int quarantine = wg_stmt_column_int (stmt, 3);

      entry->person_id = wg_stmt_column_int64 (stmt, 0);
      entry->name = g_strdup (wg_stmt_column_text (stmt, 1));
      entry->address = g_strdup (wg_stmt_column_text (stmt, 2));
      entry->why = g_strdup (quarantine == WG_QUARANTINE_KIND_CENTRAL ? _("Central quarantine")
                             : quarantine == WG_QUARANTINE_KIND_HOME ? _("Home quarantine")
                             : _("Health monitoring"));
      entry->morning_tenths = wg_stmt_column_int (stmt, 5);
      entry->afternoon_tenths = wg_stmt_column_int (stmt, 6);
      entry->morning_away = wg_stmt_column_int (stmt, 7);
      entry->afternoon_away = wg_stmt_column_int (stmt, 8);
      g_ptr_array_add (entries, entry);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * wg_store_set_round_away:
 * @store: a #WgStore
 * @person_id: the person not measured
 * @today: (nullable): the day, YYYY-MM-DD; %NULL for today
 * @round: morning or afternoon
 * @error: return location for a #GError
 *
 * Marks a person "not measured: away from home" on a round, so that the
 * round's gaps are the people nobody asked after. Refused when the round
 * already has their reading. Logged.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_set_round_away (WgStore     *store,
                         gint64       person_id,
                         const char  *today,
                         WgRound      round,
                         GError     **error)
{
  static const char measured_sql[] =
    "SELECT tenths FROM temperature WHERE person_id = ?1"
    " AND measured_at >= ?2 || CASE ?3 WHEN 0 THEN '' ELSE ' 12:00:00' END"
    " AND measured_at < CASE ?3 WHEN 0 THEN ?2 || ' 12:00:00' ELSE date (?2, '+1 day') END";
  static const char insert_sql[] =
    "INSERT INTO round_absence (person_id, day, round, recorded_at)"
    " VALUES (?, ?, ?, datetime ('now', 'localtime')) ON CONFLICT DO NOTHING";
  g_autofree char *day = today != NULL ? g_strdup (today) : wg_today ();
  g_autofree char *detail = NULL;
  WgStmt *stmt;
  int measured = 0;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (round == WG_ROUND_MORNING || round == WG_ROUND_AFTERNOON, FALSE);

  if (!wg_store_begin (store, error))
    return FALSE;
  if (!(stmt = wg_store_prepare (store, measured_sql, error)))
    goto failed;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text (stmt, 2, day);
  wg_stmt_bind_int (stmt, 3, round);
  if (wg_stmt_step (stmt) == WG_STMT_ROW)
    measured = wg_stmt_column_int (stmt, 0);
  wg_stmt_reset (stmt);
  if (measured > 0)
    {
      g_set_error (error, WG_STORE_ERROR, WG_STORE_ERROR_INVALID,
                   _("Already measured this round (%d.%d °C)."), measured / 10, measured % 10);
      goto failed;
    }
  if (!(stmt = wg_store_prepare (store, insert_sql, error)))
    goto failed;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text (stmt, 2, day);
  wg_stmt_bind_int (stmt, 3, round);
  detail = g_strdup_printf ("%s %s away", day, round == WG_ROUND_MORNING ? "morning" : "afternoon");
  if (!wg_store_step_done (store, stmt, error) ||
      !wg_store_log (store, "away", "person", person_id, detail, error) ||
      !wg_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  wg_store_rollback (store);
  return FALSE;
}

/**
 * wg_store_set_round_temperature:
 * @store: a #WgStore
 * @person_id: the person measured
 * @today: (nullable): the day, YYYY-MM-DD; %NULL for today
 * @round: morning or afternoon
 * @tenths: the reading
 * @error: return location for a #GError
 *
 * Saves a round's reading; keying it again corrects it. Logged.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_store_set_round_temperature (WgStore     *store,
                                gint64       person_id,
                                const char  *today,
                                WgRound      round,
                                int          tenths,
                                GError     **error)
{
  static const char update_sql[] =
    "UPDATE temperature SET tenths = ?3 WHERE id = ("
    "  SELECT id FROM temperature WHERE person_id = ?1"
    "   AND measured_at >= ?2 || CASE ?4 WHEN 0 THEN '' ELSE ' 12:00:00' END"
    "   AND measured_at < CASE ?4 WHEN 0 THEN ?2 || ' 12:00:00' ELSE date (?2, '+1 day') END"
    "  ORDER BY measured_at DESC LIMIT 1)";
  static const char insert_sql[] =
    "INSERT INTO temperature (person_id, measured_at, tenths) VALUES (?1, ?2 || ' ' || ?4, ?3)";
  static const char present_sql[] = "DELETE FROM round_absence WHERE person_id = ? AND day = ? AND round = ?";
  g_autofree char *day = today != NULL ? g_strdup (today) : wg_today ();
  g_autofree char *at = NULL;
  g_autofree char *detail = NULL;
  WgStmt *stmt;

  g_return_val_if_fail (WG_IS_STORE (store), FALSE);
  g_return_val_if_fail (round == WG_ROUND_MORNING || round == WG_ROUND_AFTERNOON, FALSE);

  at = g_strdup_printf ("%s %s", day, round_times[round]);
  if (!wg_store_begin (store, error))
    return FALSE;
  /* Measured after all: no longer "away". */
  if (!(stmt = wg_store_prepare (store, present_sql, error)))
    goto failed;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text (stmt, 2, day);
  wg_stmt_bind_int (stmt, 3, round);
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (!(stmt = wg_store_prepare (store, update_sql, error)))
    goto failed;
  wg_stmt_bind_int64 (stmt, 1, person_id);
  wg_stmt_bind_text (stmt, 2, day);
  wg_stmt_bind_int (stmt, 3, tenths);
  wg_stmt_bind_int (stmt, 4, round);
  if (!wg_store_step_done (store, stmt, error))
    goto failed;
  if (wg_store_changes (store) == 0)
    {
      if (!(stmt = wg_store_prepare (store, insert_sql, error)))
        goto failed;
      wg_stmt_bind_int64 (stmt, 1, person_id);
      wg_stmt_bind_text (stmt, 2, day);
      wg_stmt_bind_int (stmt, 3, tenths);
      wg_stmt_bind_text_static (stmt, 4, round_times[round]);
      if (!wg_store_step_done (store, stmt, error))
        goto failed;
    }
  detail = g_strdup_printf ("%s %d.%d", at, tenths / 10, tenths % 10);
  if (!wg_store_log (store, "temperature", "person", person_id, detail, error))
    goto failed;
  return wg_store_commit (store, error);

failed:
  wg_store_rollback (store);
  return FALSE;
}
