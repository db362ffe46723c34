/* wg-dossier-read.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a dossier from the store: a person's current state, records,
 * temperatures and attachments, a household's members and staff, a grid's
 * households (read in two halves, on two connections, at once).
 */

#define G_LOG_DOMAIN "wg-dossier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <string.h>

#include "wg-dossier.h"
#include "wg-attachment.h"
#include "wg-document.h"
#include "wg-draw-private.h"
#include "wg-label.h"
#include "wg-store-attachments.h"
#include "wg-store-figures.h"
#include "wg-store-grids.h"
#include "wg-store-persons.h"
#include "wg-store-private.h"
#include "wg-store-records.h"
#include "wg-store-settings.h"
#include "wg-dossier-private.h"

/* Data */

void
wg_dossier_clear_person (gpointer data)
{
  Person *person = data;

  g_clear_pointer (&person->info, wg_person_info_free);
  g_free (person->status);
  g_free (person->quarantine);
  g_free (person->quarantine_staff);
  g_clear_pointer (&person->team, g_ptr_array_unref);
  for (guint s = 0; s < N_SECTIONS; s++)
    wg_dossier_table_clear (&person->tables[s]);
  g_clear_pointer (&person->readings, g_array_unref);
  g_clear_pointer (&person->attachments, g_array_unref);
}

static void
clear_attachment (gpointer data)
{
  Attachment *attachment = data;

  g_free (attachment->title);
}

void
wg_dossier_clear_household (gpointer data)
{
  Household *household = data;

  g_free (household->code);
  g_free (household->address);
  g_free (household->grid_path);
  g_free (household->payload);
  g_free (household->head);
  g_clear_pointer (&household->staff, g_ptr_array_unref);
  wg_dossier_table_clear (&household->members);
}

Person *
wg_dossier_person_at (WgDossier *self,
                      guint      index)
{
  return &g_array_index (self->persons, Person, index);
}

Household *
wg_dossier_household_at (WgDossier *self,
                         guint      index)
{
  return &g_array_index (self->households, Household, index);
}

static const char *
role_word (int role)
{
  switch (role)
    {
    case WG_STAFF_ROLE_GRID_LEADER:
      return "网格长";
    case WG_STAFF_ROLE_GRID_WORKER:
      return "网格员";
    case WG_STAFF_ROLE_EPIDEMIC_COMMISSIONER:
      return "防疫专员";
    case WG_STAFF_ROLE_CENTRAL_HOUSEHOLD:
      return "党员中心户";
    case WG_STAFF_ROLE_ASSIGNED_CADRE:
      return "包联干部";
    default:
      return "";
    }
}

const char *
wg_dossier_colour_word (int colour)
{
  switch (colour)
    {
    case WG_HEALTH_CODE_RED:
      return "红码";
    case WG_HEALTH_CODE_YELLOW:
      return "黄码";
    case WG_HEALTH_CODE_GREEN:
      return "绿码";
    default:
      return NULL;
    }
}

static int
age_on (const char *birth_date,
        const char *today)
{
  int by, bm, bd, ty, tm, td;

  if (sscanf (birth_date, "%d-%d-%d", &by, &bm, &bd) != 3 ||
      sscanf (today, "%d-%d-%d", &ty, &tm, &td) != 3)
    return 0;
  return ty - by - ((tm < bm || (tm == bm && td < bd)) ? 1 : 0);
}


void
wg_dossier_loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->key, g_bytes_unref);
  g_clear_pointer (&loader->paths, g_hash_table_unref);
  g_clear_object (&loader->pen.layout);
  g_clear_pointer (&loader->pen.cr, cairo_destroy);
  g_clear_pointer (&loader->scratch, cairo_surface_destroy);
}


gboolean
wg_dossier_loader_init (Loader     *loader,
                        WgDossier  *self,
                        WgStore    *store,
                        GError    **error)
{
  wg_document_init_fonts ();

  loader->self = self;
  loader->store = store;
  loader->paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  loader->scratch = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  loader->pen.cr = cairo_create (loader->scratch);
  loader->pen.layout = wg_draw_layout_new (loader->pen.cr);
  loader->pen.draw = FALSE;

  self->db_path = g_strdup (wg_store_get_location (store));
  self->operator_name = g_strdup (wg_store_get_operator (store));
  self->demo = wg_store_is_demo (store);
  return (loader->key = wg_store_dup_signing_key (store, error)) != NULL;
}

/* County › township › village › group › micro-grid. */
const char *
wg_dossier_loader_grid_path (Loader  *loader,
                             gint64   grid_id,
                             GError **error)
{
  static const char sql[] =
    "WITH RECURSIVE up (id, parent_id, name, level) AS ("
    "  SELECT id, parent_id, name, level FROM grid WHERE id = ?"
    "  UNION ALL SELECT g.id, g.parent_id, g.name, g.level FROM grid g JOIN up ON g.id = up.parent_id)"
    " SELECT name FROM up ORDER BY level";
  g_autoptr(GString) path = NULL;
  const char *cached = g_hash_table_lookup (loader->paths, &grid_id);
  WgStmt *stmt;
  int rc;

  if (cached != NULL)
    return cached;

  if (!(stmt = wg_store_prepare (loader->store, sql, error)))
    return NULL;
  path = g_string_new (NULL);
  wg_stmt_bind_int64 (stmt, 1, grid_id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      if (path->len > 0)
        g_string_append (path, " › ");
      g_string_append (path, wg_stmt_column_text (stmt, 0));
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (loader->store, rc, error);
      return NULL;
    }
  cached = g_string_free (g_steal_pointer (&path), FALSE);
  g_hash_table_insert (loader->paths, g_memdup2 (&grid_id, sizeof grid_id), (char *) cached);
  return cached;
}

static gboolean
load_current_state (Loader  *loader,
                    Person  *person,
                    GError **error)
{
  static const char quarantine_sql[] =
    "SELECT q.kind, q.start_day, q.end_day,"
    "  CAST (julianday (?2) - julianday (q.start_day) AS INTEGER) + 1,"
    "  CAST (julianday (q.end_day) - julianday (q.start_day) AS INTEGER) + 1,"
    "  coalesce (qs.name, ''), coalesce (q.room, ''), s.name, coalesce (s.phone, '')"
    " FROM quarantine q LEFT JOIN quarantine_site qs ON qs.id = q.site_id"
    " LEFT JOIN staff s ON s.id = q.staff_id"
    " WHERE q.person_id = ?1 AND q.start_day <= ?2 AND q.end_day >= ?2"
    " ORDER BY q.start_day DESC LIMIT 1";
  static const char colour_sql[] =
    "SELECT colour FROM health_code WHERE person_id = ?1 AND day <= ?2 ORDER BY day DESC LIMIT 1";
  const char *today = loader->self->today;
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (loader->store, quarantine_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person->info->id);
  wg_stmt_bind_text_static (stmt, 2, today);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    {
      gboolean central = wg_stmt_column_int (stmt, 0) == WG_QUARANTINE_KIND_CENTRAL;
      const char *site = wg_stmt_column_text (stmt, 5);
      const char *room = wg_stmt_column_text (stmt, 6);
      g_autofree char *where = central ? g_strdup_printf ("集中隔离（%s%s%s）", site,
                                                          *room != '\0' ? " " : "", room)
                                       : g_strdup ("居家隔离");

      person->in_quarantine = TRUE;
      person->quarantine = g_strdup_printf ("%s %s 至 %s，第 %d 天 / 共 %d 天", where,
                                            wg_stmt_column_text (stmt, 1),
                                            wg_stmt_column_text (stmt, 2),
                                            wg_stmt_column_int (stmt, 3),
                                            wg_stmt_column_int (stmt, 4));
      person->status = g_strdup (central ? "集中隔离中" : "居家隔离中");
      if (!wg_stmt_column_is_null (stmt, 7))
        person->quarantine_staff = g_strdup_printf ("隔离责任人  %s  %s",
                                                    wg_stmt_column_text (stmt, 7),
                                                    wg_stmt_column_text (stmt, 8));
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    {
      wg_store_set_error (loader->store, rc, error);
      return FALSE;
    }

  if (person->status == NULL)
    {
      const WgPersonInfo *info = person->info;

      if (info->monitoring)
        person->status = g_strdup ("健康监测");
      else
        person->status = g_strdup (info->residency == WG_RESIDENCY_AWAY ? "外出"
                                   : info->residency == WG_RESIDENCY_RETURNEE ? "返乡" : "在家");
    }

  if (!(stmt = wg_store_prepare (loader->store, colour_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person->info->id);
  wg_stmt_bind_text_static (stmt, 2, today);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW)
    person->colour = wg_stmt_column_int (stmt, 0);
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    {
      wg_store_set_error (loader->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The temperature log as a day × morning/afternoon table, and the readings
 * for the chart. */
static gboolean
load_temperatures (Loader  *loader,
                   Person  *person,
                   GError **error)
{
  static const char sql[] =
    "SELECT substr (t.measured_at, 1, 10), substr (t.measured_at, 12, 2) < '12', t.tenths,"
    "  coalesce (s.name, ''), julianday (t.measured_at)"
    " FROM temperature t LEFT JOIN staff s ON s.id = t.staff_id"
    " WHERE t.person_id = ? ORDER BY t.measured_at";
  static const char *const columns[] = { "日期", "上午 °C", "下午 °C", "测量人", NULL };
  Table *table = &person->tables[SECTION_TEMPERATURE];
  g_autoptr(GString) morning = g_string_new (NULL);
  g_autoptr(GString) afternoon = g_string_new (NULL);
  GString *halves[2] = { morning, afternoon };
  g_autoptr(GString) by = g_string_new (NULL);
  g_autofree char *day = NULL;
  guint32 alerts = 0;
  WgStmt *stmt;
  int rc;

  wg_dossier_table_init (table, wg_record_kind_print_title (WG_RECORD_KIND_TEMPERATURE), columns);
  person->readings = g_array_new (FALSE, FALSE, sizeof (Reading));

#define FLUSH_DAY()                                                                      \
  G_STMT_START {                                                                          \
    if (day != NULL)                                                                      \
      {                                                                                   \
        char **cells = g_new0 (char *, 5);                                                \
        cells[0] = g_steal_pointer (&day);                                                \
        cells[1] = g_strdup (halves[0]->str);                                             \
        cells[2] = g_strdup (halves[1]->str);                                             \
        cells[3] = g_strdup (by->str);                                                    \
        wg_dossier_table_add_row (table, cells, alerts);                                             \
      }                                                                                   \
    g_string_truncate (halves[0], 0);                                                     \
    g_string_truncate (halves[1], 0);                                                     \
    g_string_truncate (by, 0);                                                            \
    alerts = 0;                                                                           \
  } G_STMT_END

  if (!(stmt = wg_store_prepare (loader->store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person->info->id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      const char *this_day = wg_stmt_column_text (stmt, 0);
      int half = wg_stmt_column_int (stmt, 1) ? 0 : 1;
      int tenths = wg_stmt_column_int (stmt, 2);
      const char *name = wg_stmt_column_text (stmt, 3);
      Reading reading = { wg_stmt_column_double (stmt, 4), tenths };

      if (g_strcmp0 (day, this_day) != 0)
        {
          FLUSH_DAY ();
          day = g_strdup (this_day);
        }
      if (halves[half]->len > 0)
        g_string_append (halves[half], " / ");
      g_string_append_printf (halves[half], "%d.%d", tenths / 10, tenths % 10);
      if (tenths >= WG_FEVER_TENTHS)
        alerts |= 1u << (half + 1);
      if (*name != '\0' && strstr (by->str, name) == NULL)
        {
          if (by->len > 0)
            g_string_append (by, "、");
          g_string_append (by, name);
        }
      g_array_append_val (person->readings, reading);
    }
  wg_stmt_reset (stmt);
  FLUSH_DAY ();
#undef FLUSH_DAY
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (loader->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_attachments (Loader  *loader,
                  Person  *person,
                  GError **error)
{
  static const char sql[] =
    "SELECT id, title, data FROM attachment WHERE person_id = ? ORDER BY added_at, id";
  WgStmt *stmt;
  int rc;

  person->attachments = g_array_new (FALSE, TRUE, sizeof (Attachment));
  g_array_set_clear_func (person->attachments, clear_attachment);

  if (!(stmt = wg_store_prepare (loader->store, sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, person->info->id);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      g_autoptr(GBytes) data = g_bytes_new (wg_stmt_column_blob (stmt, 2),
                                            wg_stmt_column_bytes (stmt, 2));
      g_autoptr(GError) local_error = NULL;
      Attachment attachment = { 0 };

      attachment.id = wg_stmt_column_int64 (stmt, 0);
      attachment.title = g_strdup (wg_stmt_column_text (stmt, 1));
      /* Checked when added; one that no longer opens prints as a notice. */
      if (!wg_attachment_check (data, &attachment.mime_type, &attachment.n_pages, &local_error))
        {
          g_warning ("Attachment %" G_GINT64_FORMAT " cannot be printed: %s", attachment.id,
                     local_error->message);
          attachment.mime_type = NULL;
          attachment.n_pages = 1;
        }
      g_array_append_val (person->attachments, attachment);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (loader->store, rc, error);
      return FALSE;
    }
  return TRUE;
}


gboolean
wg_dossier_load_person (Loader  *loader,
                        gint64   person_id,
                        guint    household_index,
                        GError **error)
{
  WgDossier *self = loader->self;
  Person *person;

  g_array_set_size (self->persons, self->persons->len + 1);
  person = wg_dossier_person_at (self, self->persons->len - 1);
  person->household = household_index;

  if (!(person->info = wg_store_read_person (loader->store, person_id, error)))
    goto failed;
  person->age = age_on (person->info->birth_date, self->today);
  if (!load_current_state (loader, person, error))
    goto failed;
  {
    g_autoptr(GPtrArray) team = wg_store_list_team (loader->store, person_id, error);
    g_auto(GStrv) roles = wg_store_dup_team_roles (loader->store);

    if (team == NULL)
      goto failed;
    /* Every role, the one not filled said so. */
    person->team = g_ptr_array_new_with_free_func (g_free);
    for (guint role = 1; team->len > 0 && role <= WG_TEAM_ROLES; role++)
      {
        const WgFigureRow *member = NULL;

        for (guint i = 0; i < team->len; i++)
          if (((WgFigureRow *) team->pdata[i])->id == role)
            member = g_ptr_array_index (team, i);
        g_ptr_array_add (person->team, member != NULL
                                         ? g_strdup_printf ("%s  %s  %s", roles[role - 1], member->label,
                                                            member->fact != NULL ? member->fact : "")
                                         : g_strdup_printf ("%s  未分配", roles[role - 1]));
      }
  }

  for (guint s = 0; s < N_SECTIONS; s++)
    {
      g_autoptr(WgRecordTable) records = NULL;

      if (s == SECTION_TEMPERATURE)
        continue;
      if (!(records = wg_store_read_printed_records (loader->store, section_kinds[s], person_id,
                                                     error)))
        goto failed;
      wg_dossier_table_take_records (&person->tables[s], records);
    }
  if (!load_temperatures (loader, person, error) || !load_attachments (loader, person, error))
    goto failed;

  for (guint s = 0; s < N_SECTIONS; s++)
    wg_dossier_table_measure (&person->tables[s], loader->pen.layout);
  person->cover_height = wg_dossier_person_cover (self, &loader->pen, person, TOP);
  return TRUE;

failed:
  g_array_set_size (self->persons, self->persons->len - 1);
  return FALSE;
}

gboolean
wg_dossier_load_household (Loader          *loader,
                           gint64           household_id,
                           gint64           only_person_id,
                           GError         **error)
{
  static const char household_sql[] =
    "SELECT h.code, h.address, h.grid_id, coalesce ((SELECT name FROM person WHERE id = h.head_id), ''),"
    "  (SELECT count(*) FROM person WHERE household_id = h.id)"
    " FROM household h WHERE h.id = ?";
  static const char members_sql[] =
    "SELECT p.id, p.monitoring = 1 OR EXISTS (SELECT 1 FROM quarantine q WHERE q.person_id = p.id"
    "                                         AND q.start_day <= ?2 AND q.end_day >= ?2),"
    "  p.name, coalesce (p.relation, ''), p.sex, p.birth_date, p.residency, p.id_number,"
    "  coalesce (p.phone, '')"
    " FROM person p WHERE p.household_id = ?1"
    " ORDER BY p.id IS NOT DISTINCT FROM (SELECT head_id FROM household WHERE id = ?1) DESC, p.id";
  static const char *const member_columns[] = {
    "姓名", "关系", "性别", "年龄", "身份证号", "现状", "联系电话", "本册", NULL
  };
  WgDossier *self = loader->self;
  g_autoptr(GArray) member_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Every member, in order: the cells of one left out, NULL for one included. */
  g_autoptr(GPtrArray) everyone = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) staff = NULL;
  Household *household;
  guint index = self->households->len;
  const char *path;
  WgStmt *stmt;
  gint64 grid_id;
  int rc;

  if (!(stmt = wg_store_prepare (loader->store, household_sql, error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, household_id);
  rc = wg_stmt_step (stmt);
  if (rc != WG_STMT_ROW)
    {
      wg_stmt_reset (stmt);
      if (rc == WG_STMT_DONE)
        g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                             _("This household is no longer in the database."));
      else
        wg_store_set_error (loader->store, rc, error);
      return FALSE;
    }
  g_array_set_size (self->households, index + 1);
  household = wg_dossier_household_at (self, index);
  household->id = household_id;
  household->first_person = self->persons->len;
  household->code = g_strdup (wg_stmt_column_text (stmt, 0));
  household->address = g_strdup (wg_stmt_column_text (stmt, 1));
  grid_id = wg_stmt_column_int64 (stmt, 2);
  household->head = g_strdup (wg_stmt_column_text (stmt, 3));
  household->n_members = wg_stmt_column_int (stmt, 4);
  wg_stmt_reset (stmt);

  household->payload = wg_label_payload (loader->key, household->code);
  if (!(path = wg_dossier_loader_grid_path (loader, grid_id, error)) ||
      !(staff = wg_store_list_household_staff (loader->store, household_id, error)))
    goto failed;
  household->grid_path = g_strdup (path);
  household->staff = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < staff->len; i++)
    {
      const WgStaffEntry *entry = g_ptr_array_index (staff, i);

      g_ptr_array_add (household->staff,
                       g_strdup_printf ("%s  %s  %s", role_word (entry->role), entry->name,
                                        entry->phone != NULL ? entry->phone : ""));
    }

  if (only_person_id != 0)
    g_array_append_val (member_ids, only_person_id);
  else
    {
      if (!(stmt = wg_store_prepare (loader->store, members_sql, error)))
        goto failed;
      wg_stmt_bind_int64 (stmt, 1, household_id);
      wg_stmt_bind_text_static (stmt, 2, self->today);
      while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
        {
          gint64 id = wg_stmt_column_int64 (stmt, 0);

          if (wg_stmt_column_int (stmt, 1) || !(self->flags & WG_DOSSIER_FLAGS_ONLY_WATCHED))
            {
              g_array_append_val (member_ids, id);
              g_ptr_array_add (everyone, NULL);
            }
          else
            {
              /* Not in quarantine or under monitoring, so at home, away or back. */
              int residency = wg_stmt_column_int (stmt, 6);
              char **cells = g_new0 (char *, 9);

              cells[0] = g_strdup (wg_stmt_column_text (stmt, 2));
              cells[1] = g_strdup (wg_stmt_column_text (stmt, 3));
              cells[2] = g_strdup (wg_stmt_column_int (stmt, 4) == 1 ? "男" : "女");
              cells[3] = g_strdup_printf ("%d", age_on (wg_stmt_column_text (stmt, 5),
                                                        self->today));
              cells[4] = g_strdup (wg_stmt_column_text (stmt, 7));
              cells[5] = g_strdup (residency == WG_RESIDENCY_AWAY ? "外出"
                                   : residency == WG_RESIDENCY_RETURNEE ? "返乡" : "在家");
              cells[6] = g_strdup (wg_stmt_column_text (stmt, 8));
              cells[7] = g_strdup ("—");
              g_ptr_array_add (everyone, cells);
            }
        }
      wg_stmt_reset (stmt);
      if (rc != WG_STMT_DONE)
        {
          wg_store_set_error (loader->store, rc, error);
          goto failed;
        }
    }

  for (guint i = 0; i < member_ids->len; i++)
    if (!wg_dossier_load_person (loader, g_array_index (member_ids, gint64, i), index, error))
      goto failed;
  household->n_persons = member_ids->len;

  wg_dossier_table_init (&household->members, "家庭成员", member_columns);
  for (guint i = 0, included = 0; i < MAX (everyone->len, household->n_persons); i++)
    {
      const Person *person;
      const WgPersonInfo *info;
      char **cells;

      if (i < everyone->len && g_ptr_array_index (everyone, i) != NULL)
        {
          wg_dossier_table_add_row (&household->members, g_steal_pointer (&g_ptr_array_index (everyone, i)), 0);
          continue;
        }
      person = wg_dossier_person_at (self, household->first_person + included++);
      info = person->info;
      cells = g_new0 (char *, 9);

      cells[0] = g_strdup (info->name);
      cells[1] = g_strdup (info->relation != NULL ? info->relation : "");
      cells[2] = g_strdup (info->sex == 1 ? "男" : "女");
      cells[3] = g_strdup_printf ("%d", person->age);
      cells[4] = g_strdup (info->id_number);
      cells[5] = g_strdup (person->status);
      cells[6] = g_strdup (info->phone != NULL ? info->phone : "");
      cells[7] = g_strdup ("收录");
      wg_dossier_table_add_row (&household->members, cells, person->in_quarantine ? 1u << 5 : 0);
    }
  wg_dossier_table_measure (&household->members, loader->pen.layout);
  return TRUE;

failed:
  g_array_set_size (self->persons, household->first_person);
  g_array_set_size (self->households, index);
  return FALSE;
}

typedef struct
{
  const char *db_path;
  const char *today;
  WgDossierFlags flags;
  GArray *ids;
  guint from;
  guint to;
  GCancellable *cancellable;
  gint *n_read;
  gint finished;
  WgDossier *part;
  GError *error;
} Half;

static gpointer
read_half (gpointer data)
{
  Half *half = data;
  g_autoptr(WgStore) store = wg_store_open (half->db_path, WG_STORE_OPEN_FLAGS_READ_ONLY, &half->error);
  g_auto(Loader) loader = { 0 };

  if (store != NULL)
    {
      half->part = wg_dossier_new_empty (half->today, half->flags);
      if (wg_dossier_loader_init (&loader, half->part, store, &half->error))
        for (guint i = half->from; i < half->to; i++)
          {
            if (g_cancellable_set_error_if_cancelled (half->cancellable, &half->error) ||
                !wg_dossier_load_household (&loader, g_array_index (half->ids, gint64, i), 0, &half->error))
              break;
            if (wg_dossier_household_at (half->part, half->part->households->len - 1)->n_persons == 0)
              g_array_set_size (half->part->households, half->part->households->len - 1);
            g_atomic_int_inc (half->n_read);
          }
    }
  if (half->error != NULL)
    g_cancellable_cancel (half->cancellable);
  g_atomic_int_set (&half->finished, 1);
  return NULL;
}

/* Moves @part's households and people to the end of @self's. */
static void
join_part (WgDossier *self,
           WgDossier *part)
{
  guint person_offset = self->persons->len;
  guint household_offset = self->households->len;

  for (guint h = 0; h < part->households->len; h++)
    wg_dossier_household_at (part, h)->first_person += person_offset;
  for (guint p = 0; p < part->persons->len; p++)
    wg_dossier_person_at (part, p)->household += household_offset;
  g_array_append_vals (self->households, part->households->data, part->households->len);
  g_array_append_vals (self->persons, part->persons->data, part->persons->len);
  /* Theirs now: the part lets go without freeing. */
  g_array_set_clear_func (part->households, NULL);
  g_array_set_clear_func (part->persons, NULL);
}

gboolean
wg_dossier_read_households (WgDossier       *self,
                            Loader          *loader,
                            GArray          *ids,
                            GCancellable    *cancellable,
                            WgProgressFunc   progress,
                            gpointer         user_data,
                            GError         **error)
{
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  gulong cancelled_id = 0;
  Half halves[2] = { { 0 } };
  GThread *threads[2];
  gint n_read = 0;
  gboolean ok = TRUE;

  /* A few households are read faster than two threads start. (The benchmark
   * compares with one core through WANGGE_DOSSIER_ONE_CORE.) */
  if (ids->len < 64 || self->db_path == NULL || g_getenv ("WANGGE_DOSSIER_ONE_CORE") != NULL)
    {
      for (guint i = 0; i < ids->len; i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !wg_dossier_load_household (loader, g_array_index (ids, gint64, i), 0, error))
            return FALSE;
          /* A household with nobody to include is left out of the packet. */
          if (wg_dossier_household_at (self, self->households->len - 1)->n_persons == 0)
            g_array_set_size (self->households, self->households->len - 1);
          if (progress != NULL && (i % 16 == 15 || i + 1 == ids->len))
            progress ((double) (i + 1) / ids->len, user_data);
        }
      return TRUE;
    }

  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel),
                                          g_object_ref (stop), g_object_unref);
  for (guint t = 0; t < 2; t++)
    {
      halves[t].db_path = self->db_path;
      halves[t].today = self->today;
      halves[t].flags = self->flags;
      halves[t].ids = ids;
      halves[t].from = t == 0 ? 0 : ids->len / 2;
      halves[t].to = t == 0 ? ids->len / 2 : ids->len;
      halves[t].cancellable = stop;
      halves[t].n_read = &n_read;
      threads[t] = g_thread_new ("wangge-dossier", read_half, &halves[t]);
    }
  /* Progress from here, where the caller expects it. */
  while (!g_atomic_int_get (&halves[0].finished) || !g_atomic_int_get (&halves[1].finished))
    {
      g_usleep (20000);
      if (progress != NULL)
        progress ((double) g_atomic_int_get (&n_read) / ids->len, user_data);
    }
  for (guint t = 0; t < 2; t++)
    g_thread_join (threads[t]);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, cancelled_id);

  /* One half failing stops the other: report the failure, not the stop. */
  {
    GError *reason = NULL;

    for (guint t = 0; t < 2; t++)
      if (halves[t].error != NULL &&
          (reason == NULL || g_error_matches (reason, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
        reason = halves[t].error;
    if (reason != NULL)
      {
        g_propagate_error (error, g_error_copy (reason));
        ok = FALSE;
      }
  }
  for (guint t = 0; t < 2; t++)
    {
      if (ok)
        join_part (self, halves[t].part);
      g_clear_error (&halves[t].error);
      g_clear_object (&halves[t].part);
    }
  return ok;
}
