/* wg-grid-node.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid tree. WgGridTree reads every grid of the county at once (a few
 * thousand rows) with the number of households, of people in quarantine and
 * of open alerts per micro-grid, and sums them up the tree. Each WgGridNode
 * is itself the GListModel of its children, so GtkTreeListModel can show it
 * directly. Households — tens of thousands — are read only when their
 * micro-grid is first asked for its children.
 */

#define G_LOG_DOMAIN "wg-grid-node"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wg-grid-node.h"
#include "wg-store-private.h"

struct _WgGridNode
{
  GObject parent_instance;

  /* borrowed: the tree outlives every node it hands out */
  WgGridNode *parent;
  WgGridTree *tree;

  /* owned */
  char *code;
  char *name;
  GPtrArray *children; /* of WgGridNode; NULL until loaded (micro-grids) */

  /* state */
  gint64 id;
  guint level;
  guint n_households;
  guint n_quarantined;
  guint n_open_alerts;
};

struct _WgGridTree
{
  GObject parent_instance;

  /* owned */
  WgStore *store;
  WgGridNode *root;
  GHashTable *by_code; /* code → WgGridNode (borrowed from the tree) */
  char *today;         /* the day quarantines are counted for */
};

static void wg_grid_node_list_model_init (GListModelInterface *iface);

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_LEVEL,
  PROP_N_HOUSEHOLDS,
  PROP_N_QUARANTINED,
  PROP_N_OPEN_ALERTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (WgGridNode, wg_grid_node, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      wg_grid_node_list_model_init))
G_DEFINE_FINAL_TYPE (WgGridTree, wg_grid_tree, G_TYPE_OBJECT)

static WgGridNode *
node_new (WgGridTree *tree,
          WgGridNode *parent,
          gint64      id,
          const char *code,
          const char *name,
          guint       level)
{
  WgGridNode *node = g_object_new (WG_TYPE_GRID_NODE, NULL);

  node->tree = tree;
  node->parent = parent;
  node->id = id;
  node->code = g_strdup (code);
  node->name = g_strdup (name);
  node->level = level;
  if (level < 5)
    node->children = g_ptr_array_new_with_free_func (g_object_unref);
  return node;
}

/* Households of a micro-grid, read the first time they are wanted. */
static void
ensure_children (WgGridNode *self)
{
  static const char sql[] =
    "SELECT h.id, h.code, h.address,"
    "  (SELECT count (DISTINCT q.person_id) FROM person p JOIN quarantine q ON q.person_id = p.id"
    "    WHERE p.household_id = h.id AND q.end_day >= ?2 AND q.start_day <= ?2),"
    "  (SELECT count (*) FROM alert a WHERE a.household_id = h.id AND a.state < 3)"
    " FROM household h WHERE h.grid_id = ?1 ORDER BY h.id";
  g_autofree char *today = NULL;
  WgStore *store;
  WgStmt *stmt;

  if (self->children != NULL || self->level != 5 || self->tree == NULL)
    {
      if (self->children == NULL)
        self->children = g_ptr_array_new_with_free_func (g_object_unref);
      return;
    }

  self->children = g_ptr_array_new_with_free_func (g_object_unref);
  store = self->tree->store;
  if (!(stmt = wg_store_prepare (store, sql, NULL)))
    return;

  /* The tree's day, like the counts above. */
  today = g_strdup (self->tree->today);
  wg_stmt_bind_int64 (stmt, 1, self->id);
  wg_stmt_bind_text (stmt, 2, today);
  while (wg_stmt_step (stmt) == WG_STMT_ROW)
    {
      WgGridNode *household = node_new (self->tree, self, wg_stmt_column_int64 (stmt, 0),
                                        wg_stmt_column_text (stmt, 1),
                                        wg_stmt_column_text (stmt, 2),
                                        WG_GRID_NODE_HOUSEHOLD);

      household->n_households = 1;
      household->n_quarantined = wg_stmt_column_int (stmt, 3);
      household->n_open_alerts = wg_stmt_column_int (stmt, 4);
      g_ptr_array_add (self->children, household);
    }
  wg_stmt_reset (stmt);
}

static GType
wg_grid_node_get_item_type (GListModel *model)
{
  return WG_TYPE_GRID_NODE;
}

static guint
wg_grid_node_get_n_items (GListModel *model)
{
  WgGridNode *self = WG_GRID_NODE (model);

  ensure_children (self);
  return self->children->len;
}

static gpointer
wg_grid_node_get_item (GListModel *model,
                       guint       position)
{
  WgGridNode *self = WG_GRID_NODE (model);

  ensure_children (self);
  if (position >= self->children->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->children, position));
}

static void
wg_grid_node_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = wg_grid_node_get_item_type;
  iface->get_n_items = wg_grid_node_get_n_items;
  iface->get_item = wg_grid_node_get_item;
}

static void
wg_grid_node_finalize (GObject *object)
{
  WgGridNode *self = (WgGridNode *) object;

  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (wg_grid_node_parent_class)->finalize (object);
}

static void
wg_grid_node_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WgGridNode *self = WG_GRID_NODE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LEVEL:
      g_value_set_uint (value, self->level);
      break;

    case PROP_N_HOUSEHOLDS:
      g_value_set_uint (value, self->n_households);
      break;

    case PROP_N_QUARANTINED:
      g_value_set_uint (value, self->n_quarantined);
      break;

    case PROP_N_OPEN_ALERTS:
      g_value_set_uint (value, self->n_open_alerts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_grid_node_class_init (WgGridNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wg_grid_node_finalize;
  object_class->get_property = wg_grid_node_get_property;

  /* Read-only: for list sorters and expressions in the views. */
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_uint ("level", NULL, NULL, 0, WG_GRID_NODE_HOUSEHOLD, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_HOUSEHOLDS] =
    g_param_spec_uint ("n-households", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_QUARANTINED] =
    g_param_spec_uint ("n-quarantined", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OPEN_ALERTS] =
    g_param_spec_uint ("n-open-alerts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wg_grid_node_init (WgGridNode *self)
{
}

static void
wg_grid_tree_dispose (GObject *object)
{
  WgGridTree *self = (WgGridTree *) object;

  g_clear_pointer (&self->by_code, g_hash_table_unref);
  g_clear_pointer (&self->today, g_free);
  g_clear_object (&self->root);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wg_grid_tree_parent_class)->dispose (object);
}

static void
wg_grid_tree_class_init (WgGridTreeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wg_grid_tree_dispose;
}

static void
wg_grid_tree_init (WgGridTree *self)
{
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
add_micro_counts (WgGridTree  *self,
                  const char  *sql,
                  const char  *today,
                  guint        field,
                  GError     **error)
{
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (self->store, sql, error)))
    return FALSE;
  if (today != NULL)
    wg_stmt_bind_text (stmt, 1, today);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      WgGridNode *node = g_hash_table_lookup (self->by_code, wg_stmt_column_text (stmt, 0));
      guint n = wg_stmt_column_int (stmt, 1);

      /* Up the tree: every grid above holds the micro-grid's count too. */
      for (; node != NULL; node = node->parent)
        {
          if (field == 0)
            node->n_households += n;
          else if (field == 1)
            node->n_quarantined += n;
          else
            node->n_open_alerts += n;
        }
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static WgGridTree *tree_new (WgStore *store, const char *today, gboolean counts, GError **error);

/**
 * wg_grid_tree_new:
 * @store: a #WgStore
 * @today: (nullable): the day quarantines are counted for; %NULL for today
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the county's grid tree, or %NULL with @error set
 *   (also when the database holds no county)
 */
WgGridTree *
wg_grid_tree_new (WgStore     *store,
                  const char  *today,
                  GError     **error)
{
  return tree_new (store, today, TRUE, error);
}

/**
 * wg_grid_tree_new_without_counts:
 *
 * The tree's grids, their households, people in quarantine and open alerts
 * not counted yet (zero until wg_grid_tree_refresh_households (),
 * wg_grid_tree_refresh_quarantined () and wg_grid_tree_refresh_alerts (),
 * which notify): what a window's first frame needs, sooner.
 */
WgGridTree *
wg_grid_tree_new_without_counts (WgStore     *store,
                                 GError     **error)
{
  return tree_new (store, NULL, FALSE, error);
}

static WgGridTree *
tree_new (WgStore     *store,
          const char  *today,
          gboolean     counts,
          GError     **error)
{
  static const char grids_sql[] =
    "SELECT id, parent_id, code, name, level FROM grid ORDER BY level, parent_id, position, code";
  static const char households_sql[] =
    "SELECT g.code, count (*) FROM household h JOIN grid g ON g.id = h.grid_id GROUP BY g.code";
  static const char quarantined_sql[] =
    "SELECT g.code, count (DISTINCT q.person_id) FROM quarantine q"
    " JOIN person p ON p.id = q.person_id JOIN household h ON h.id = p.household_id"
    " JOIN grid g ON g.id = h.grid_id"
    " WHERE q.end_day >= ?1 AND q.start_day <= ?1 GROUP BY g.code";
  static const char alerts_sql[] =
    "SELECT g.code, count (*) FROM alert a JOIN household h ON h.id = a.household_id"
    " JOIN grid g ON g.id = h.grid_id WHERE a.state < 3 GROUP BY g.code";
  g_autoptr(WgGridTree) self = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  const char *day;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_STORE (store), NULL);

  self = g_object_new (WG_TYPE_GRID_TREE, NULL);
  self->store = g_object_ref (store);
  self->today = today != NULL ? g_strdup (today) : wg_today ();
  day = self->today;

  if (!(stmt = wg_store_prepare (store, grids_sql, error)))
    return NULL;
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 parent_id = wg_stmt_column_int64 (stmt, 1);
      WgGridNode *parent = parent_id > 0 ? g_hash_table_lookup (by_id, &parent_id) : NULL;
      guint level = wg_stmt_column_int (stmt, 4);
      WgGridNode *node;

      if (level > 1 && parent == NULL)
        continue;
      if (level == 1 && self->root != NULL)
        continue;

      node = node_new (self, parent, wg_stmt_column_int64 (stmt, 0),
                       wg_stmt_column_text (stmt, 2),
                       wg_stmt_column_text (stmt, 3), level);
      if (parent != NULL)
        g_ptr_array_add (parent->children, node);
      else
        self->root = node;
      g_hash_table_insert (by_id, &node->id, node);
      g_hash_table_insert (self->by_code, node->code, node);
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (store, rc, error);
      return NULL;
    }

  if (self->root == NULL)
    {
      g_set_error_literal (error, WG_STORE_ERROR, WG_STORE_ERROR_NOT_FOUND,
                           _("This database holds no county yet."));
      return NULL;
    }

  if (counts &&
      (!add_micro_counts (self, households_sql, NULL, 0, error) ||
       !add_micro_counts (self, quarantined_sql, day, 1, error) ||
       !add_micro_counts (self, alerts_sql, NULL, 2, error)))
    return NULL;

  return g_steal_pointer (&self);
}

/* Which count a refresh reads again. */
typedef enum
{
  COUNT_QUARANTINED,
  COUNT_OPEN_ALERTS,
  COUNT_HOUSEHOLDS,
} Count;

static void
set_count (WgGridNode *node,
           Count       count,
           guint       n)
{
  guint *field = count == COUNT_OPEN_ALERTS ? &node->n_open_alerts
               : count == COUNT_HOUSEHOLDS ? &node->n_households : &node->n_quarantined;

  if (*field != n)
    {
      *field = n;
      g_object_notify_by_pspec (G_OBJECT (node),
                                properties[count == COUNT_HOUSEHOLDS ? PROP_N_HOUSEHOLDS
                                           : count == COUNT_OPEN_ALERTS ? PROP_N_OPEN_ALERTS
                                                                      : PROP_N_QUARANTINED]);
    }
}

/* Reads one count again, for every grid (@micro_sql: micro-grid code and
 * count, summed upwards) and every household read so far (@household_sql:
 * household id and count); changed nodes notify. ?1 is @today, if given. */
static gboolean
recount (WgGridTree  *self,
         Count        count,
         const char  *micro_sql,
         const char  *household_sql,
         const char  *today,
         GError     **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) households = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  WgGridNode *node;
  WgStmt *stmt;
  int rc;

  if (!(stmt = wg_store_prepare (self->store, micro_sql, error)))
    return FALSE;
  if (today != NULL)
    wg_stmt_bind_text (stmt, 1, today);
  while ((rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      node = g_hash_table_lookup (self->by_code, wg_stmt_column_text (stmt, 0));
      for (guint n = wg_stmt_column_int (stmt, 1); node != NULL; node = node->parent)
        g_hash_table_insert (counts, node,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, node)) + n));
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }
  if (household_sql != NULL && !(stmt = wg_store_prepare (self->store, household_sql, error)))
    return FALSE;
  if (household_sql != NULL && today != NULL)
    wg_stmt_bind_text (stmt, 1, today);
  while (household_sql != NULL && (rc = wg_stmt_step (stmt)) == WG_STMT_ROW)
    {
      gint64 id = wg_stmt_column_int64 (stmt, 0);

      g_hash_table_insert (households, g_memdup2 (&id, sizeof id),
                           GUINT_TO_POINTER (wg_stmt_column_int (stmt, 1)));
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }

  g_hash_table_iter_init (&iter, self->by_code);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &node))
    {
      set_count (node, count, GPOINTER_TO_UINT (g_hash_table_lookup (counts, node)));
      if (household_sql != NULL && node->level == 5 && node->children != NULL)
        for (guint i = 0; i < node->children->len; i++)
          {
            WgGridNode *household = g_ptr_array_index (node->children, i);

            set_count (household, count, GPOINTER_TO_UINT (g_hash_table_lookup (households, &household->id)));
          }
    }
  return TRUE;
}

/**
 * wg_grid_tree_refresh_households:
 * @self: a #WgGridTree
 * @error: return location for a #GError
 *
 * Counts the households of every grid again; grids whose count changes
 * notify "n-households".
 *
 * Returns: %TRUE on success
 */
gboolean
wg_grid_tree_refresh_households (WgGridTree  *self,
                                 GError     **error)
{
  g_return_val_if_fail (WG_IS_GRID_TREE (self), FALSE);

  return recount (self, COUNT_HOUSEHOLDS,
                  "SELECT g.code, count (*) FROM household h JOIN grid g ON g.id = h.grid_id GROUP BY g.code",
                  NULL, NULL, error);
}

/**
 * wg_grid_tree_refresh_alerts:
 * @self: a #WgGridTree
 * @error: return location for a #GError
 *
 * Counts the open alerts again, for every grid and every household read so
 * far; nodes whose count changes notify "n-open-alerts", so the tree marks
 * the path of a new alert.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_grid_tree_refresh_alerts (WgGridTree  *self,
                             GError     **error)
{
  g_return_val_if_fail (WG_IS_GRID_TREE (self), FALSE);

  return recount (self, COUNT_OPEN_ALERTS,
                  "SELECT g.code, count (*) FROM alert a JOIN household h ON h.id = a.household_id"
                  " JOIN grid g ON g.id = h.grid_id WHERE a.state < 3 GROUP BY g.code",
                  "SELECT household_id, count (*) FROM alert WHERE state < 3 AND household_id IS NOT NULL"
                  " GROUP BY household_id",
                  NULL, error);
}

/**
 * wg_grid_tree_refresh_quarantined:
 * @self: a #WgGridTree
 * @error: return location for a #GError
 *
 * Counts the people in quarantine on the tree's day again, like
 * wg_grid_tree_refresh_alerts (): after a quarantine was added to a file.
 *
 * Returns: %TRUE on success
 */
gboolean
wg_grid_tree_refresh_quarantined (WgGridTree  *self,
                                  GError     **error)
{
  g_return_val_if_fail (WG_IS_GRID_TREE (self), FALSE);

  return recount (self, COUNT_QUARANTINED,
                  "SELECT g.code, count (DISTINCT q.person_id) FROM quarantine q"
                  " JOIN person p ON p.id = q.person_id JOIN household h ON h.id = p.household_id"
                  " JOIN grid g ON g.id = h.grid_id"
                  " WHERE q.end_day >= ?1 AND q.start_day <= ?1 GROUP BY g.code",
                  "SELECT p.household_id, count (DISTINCT q.person_id) FROM quarantine q"
                  " JOIN person p ON p.id = q.person_id"
                  " WHERE p.household_id IS NOT NULL AND q.end_day >= ?1 AND q.start_day <= ?1"
                  " GROUP BY p.household_id",
                  self->today, error);
}

/* The node of the grid or household @id, if the tree has read it. */
static WgGridNode *
find_node (WgGridTree *self,
           gboolean    household,
           gint64      id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->by_code);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      WgGridNode *grid = value;

      if (!household && grid->id == id)
        return grid;
      if (household && grid->children != NULL && grid->level == WG_GRID_NODE_HOUSEHOLD - 1)
        for (guint i = 0; i < grid->children->len; i++)
          {
            WgGridNode *child = g_ptr_array_index (grid->children, i);

            if (child->id == id)
              return child;
          }
    }
  return NULL;
}

/**
 * wg_grid_tree_refresh_name:
 * @self: a #WgGridTree
 * @household: whether @id is a household's (else a grid's)
 * @id: the grid or household another desk changed
 * @error: return location for a #GError
 *
 * Reads the name of one grid (or the address of one household) again, if
 * the tree shows it; the node notifies "name" when it changed. Where it
 * stands in the tree does not change: a grid or household moved, added or
 * removed elsewhere shows when the tree is read again.
 *
 * Returns: %FALSE only when the store failed
 */
gboolean
wg_grid_tree_refresh_name (WgGridTree  *self,
                           gboolean     household,
                           gint64       id,
                           GError     **error)
{
  WgGridNode *node;
  WgStmt *stmt;
  int rc;

  g_return_val_if_fail (WG_IS_GRID_TREE (self), FALSE);

  if ((node = find_node (self, household, id)) == NULL)
    return TRUE;
  if (!(stmt = wg_store_prepare (self->store, household ? "SELECT address FROM household WHERE id = ?"
                                                        : "SELECT name FROM grid WHERE id = ?", error)))
    return FALSE;
  wg_stmt_bind_int64 (stmt, 1, id);
  rc = wg_stmt_step (stmt);
  if (rc == WG_STMT_ROW && g_strcmp0 (node->name, wg_stmt_column_text (stmt, 0)) != 0)
    {
      g_free (node->name);
      node->name = g_strdup (wg_stmt_column_text (stmt, 0));
      wg_stmt_reset (stmt);
      g_object_notify_by_pspec (G_OBJECT (node), properties[PROP_NAME]);
      return TRUE;
    }
  wg_stmt_reset (stmt);
  if (rc != WG_STMT_ROW && rc != WG_STMT_DONE)
    {
      wg_store_set_error (self->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * wg_grid_tree_get_root:
 * @self: a #WgGridTree
 *
 * Returns: (transfer none): the county
 */
WgGridNode *
wg_grid_tree_get_root (WgGridTree *self)
{
  g_return_val_if_fail (WG_IS_GRID_TREE (self), NULL);

  return self->root;
}

/**
 * wg_grid_tree_lookup:
 * @self: a #WgGridTree
 * @code: a grid code
 *
 * Returns: (transfer none) (nullable): the grid with that code
 */
WgGridNode *
wg_grid_tree_lookup (WgGridTree *self,
                     const char *code)
{
  g_return_val_if_fail (WG_IS_GRID_TREE (self), NULL);

  return code != NULL ? g_hash_table_lookup (self->by_code, code) : NULL;
}

guint
wg_grid_tree_get_n_grids (WgGridTree *self)
{
  g_return_val_if_fail (WG_IS_GRID_TREE (self), 0);

  return g_hash_table_size (self->by_code);
}

gint64
wg_grid_node_get_id (WgGridNode *self)
{
  g_return_val_if_fail (WG_IS_GRID_NODE (self), 0);
  return self->id;
}

const char *
wg_grid_node_get_code (WgGridNode *self)
{
  g_return_val_if_fail (WG_IS_GRID_NODE (self), NULL);
  return self->code;
}

const char *
wg_grid_node_get_name (WgGridNode *self)
{
  g_return_val_if_fail (WG_IS_GRID_NODE (self), NULL);
  return self->name;
}

guint
wg_grid_node_get_level (WgGridNode *self)
{
  g_return_val_if_fail (WG_IS_GRID_NODE (self), 0);
  return self->level;
}

guint
wg_grid_node_get_n_households (WgGridNode *self)
{
  g_return_val_if_fail (WG_IS_GRID_NODE (self), 0);
  return self->n_households;
}

guint
wg_grid_node_get_n_quarantined (WgGridNode *self)
{
  g_return_val_if_fail (WG_IS_GRID_NODE (self), 0);
  return self->n_quarantined;
}

guint
wg_grid_node_get_n_open_alerts (WgGridNode *self)
{
  g_return_val_if_fail (WG_IS_GRID_NODE (self), 0);
  return self->n_open_alerts;
}

/**
 * wg_grid_node_get_parent:
 * @self: a #WgGridNode
 *
 * Returns: (transfer none) (nullable): the grid above
 */
WgGridNode *
wg_grid_node_get_parent (WgGridNode *self)
{
  g_return_val_if_fail (WG_IS_GRID_NODE (self), NULL);
  return self->parent;
}

gboolean
wg_grid_node_is_household (WgGridNode *self)
{
  g_return_val_if_fail (WG_IS_GRID_NODE (self), FALSE);
  return self->level == WG_GRID_NODE_HOUSEHOLD;
}

/**
 * wg_grid_node_is_loaded:
 * @self: a #WgGridNode
 *
 * Returns: whether the children were read already (always for grids above
 *   micro-grids; for micro-grids, once their households were asked for)
 */
gboolean
wg_grid_node_is_loaded (WgGridNode *self)
{
  g_return_val_if_fail (WG_IS_GRID_NODE (self), FALSE);
  return self->children != NULL;
}

/**
 * wg_grid_node_dup_path:
 * @self: a #WgGridNode
 *
 * Returns: (transfer full): the names from the county down, separated by " › "
 */
char *
wg_grid_node_dup_path (WgGridNode *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *path = g_string_new (NULL);

  g_return_val_if_fail (WG_IS_GRID_NODE (self), NULL);

  for (WgGridNode *node = self; node != NULL; node = node->parent)
    g_ptr_array_insert (names, 0, node->name);
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (path, " › ");
      g_string_append (path, g_ptr_array_index (names, i));
    }
  return g_string_free (path, FALSE);
}

/**
 * wg_grid_level_describe:
 * @level: 1 to 5, or WG_GRID_NODE_HOUSEHOLD
 *
 * Returns: the level's name, translated
 */
const char *
wg_grid_level_describe (guint level)
{
  switch (level)
    {
    case 1:
      return _("County");
    case 2:
      return _("Township");
    case 3:
      return _("Village");
    case 4:
      /* Translators: the fourth level of the grid: a village group or a residential compound */
      return _("Group");
    case 5:
      return _("Micro-grid");
    case WG_GRID_NODE_HOUSEHOLD:
      return _("Household");
    default:
      return "";
    }
}
