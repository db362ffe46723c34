/* wg-alert-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The alerts of the county as a list model, for the alert panel's list
 * view (through a filter and a sorter). Each alert is one WgAlert object
 * for as long as it is in the list: when the store says it changed, the
 * object's "info" changes and its row redraws itself — the model says
 * nothing, so no other row is touched. Only a change of place (a new
 * state, severity or time, which the sorter and the filter read) is told
 * to the model's watchers, as that one item changed.
 *
 * Held (the operator's pointer or focus on the list), the model keeps
 * every item where it is: changes of place wait for wg_alert_model_settle(),
 * new alerts are handed back as waiting, none is removed.
 */

#define G_LOG_DOMAIN "wg-alert-model"

#include "config.h"

#include "wg-alert-model.h"

struct _WgAlert
{
  GObject parent_instance;

  WgAlertInfo *info;
  gboolean misplaced; /* its place changed while the list was held */
};

enum
{
  ALERT_PROP_0,
  ALERT_PROP_INFO,
  ALERT_N_PROPS
};

static GParamSpec *alert_properties[ALERT_N_PROPS];

G_DEFINE_FINAL_TYPE (WgAlert, wg_alert, G_TYPE_OBJECT)

static void
wg_alert_finalize (GObject *object)
{
  g_clear_pointer (&WG_ALERT (object)->info, wg_alert_info_free);
  G_OBJECT_CLASS (wg_alert_parent_class)->finalize (object);
}

static void
wg_alert_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  switch (prop_id)
    {
    case ALERT_PROP_INFO:
      g_value_set_pointer (value, WG_ALERT (object)->info);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wg_alert_class_init (WgAlertClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wg_alert_finalize;
  object_class->get_property = wg_alert_get_property;

  /**
   * WgAlert:info:
   *
   * What the store says of the alert now; notified when it changes.
   */
  alert_properties[ALERT_PROP_INFO] =
    g_param_spec_pointer ("info", NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ALERT_N_PROPS, alert_properties);
}

static void
wg_alert_init (WgAlert *self)
{
}

static WgAlert *
wg_alert_new (WgAlertInfo *info)
{
  WgAlert *self = g_object_new (WG_TYPE_ALERT, NULL);

  self->info = info;
  return self;
}

/**
 * wg_alert_get_info:
 *
 * Returns: (transfer none): the alert as last read
 */
const WgAlertInfo *
wg_alert_get_info (WgAlert *self)
{
  g_return_val_if_fail (WG_IS_ALERT (self), NULL);

  return self->info;
}

gint64
wg_alert_get_id (WgAlert *self)
{
  g_return_val_if_fail (WG_IS_ALERT (self), 0);

  return self->info->id;
}

/* The store's order (wg_store_list_alerts): unresolved first, the most
 * severe, the latest, the newest. */
int
wg_alert_info_compare (const WgAlertInfo *a,
                       const WgAlertInfo *b)
{
  int cmp;

  if ((a->state == WG_ALERT_STATE_RESOLVED) != (b->state == WG_ALERT_STATE_RESOLVED))
    return a->state == WG_ALERT_STATE_RESOLVED ? 1 : -1;
  if (a->severity != b->severity)
    return a->severity > b->severity ? -1 : 1;
  if ((cmp = g_strcmp0 (b->last_event_at, a->last_event_at)) != 0)
    return cmp;
  return a->id > b->id ? -1 : a->id < b->id ? 1 : 0;
}

static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  return wg_alert_info_compare (*(WgAlertInfo *const *) a, *(WgAlertInfo *const *) b);
}

/* What a row shows differs. */
static gboolean
info_differs (const WgAlertInfo *a,
              const WgAlertInfo *b)
{
  return a->state != b->state || a->severity != b->severity || a->event_count != b->event_count ||
         a->outcome != b->outcome ||
         g_strcmp0 (a->last_event_at, b->last_event_at) != 0 ||
         g_strcmp0 (a->acknowledged_by, b->acknowledged_by) != 0 ||
         g_strcmp0 (a->dispatched_to, b->dispatched_to) != 0 ||
         g_strcmp0 (a->dispatched_at, b->dispatched_at) != 0 ||
         g_strcmp0 (a->note, b->note) != 0 ||
         g_strcmp0 (a->worker, b->worker) != 0 ||
         g_strcmp0 (a->worker_phone, b->worker_phone) != 0 ||
         g_strcmp0 (a->address, b->address) != 0;
}

/* What the sorter and the filter read differs: resolved or not, severity,
 * the time of the last event. */
static gboolean
place_differs (const WgAlertInfo *a,
               const WgAlertInfo *b)
{
  return (a->state == WG_ALERT_STATE_RESOLVED) != (b->state == WG_ALERT_STATE_RESOLVED) ||
         a->severity != b->severity || g_strcmp0 (a->last_event_at, b->last_event_at) != 0;
}

struct _WgAlertModel
{
  GObject parent_instance;

  GPtrArray *items;  /* of WgAlert */
};

static GType
wg_alert_model_get_item_type (GListModel *model)
{
  return WG_TYPE_ALERT;
}

static guint
wg_alert_model_get_n_items (GListModel *model)
{
  return WG_ALERT_MODEL (model)->items->len;
}

static gpointer
wg_alert_model_get_item (GListModel *model,
                         guint       position)
{
  WgAlertModel *self = WG_ALERT_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
wg_alert_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = wg_alert_model_get_item_type;
  iface->get_n_items = wg_alert_model_get_n_items;
  iface->get_item = wg_alert_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (WgAlertModel, wg_alert_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, wg_alert_model_list_model_init))

static void
wg_alert_model_finalize (GObject *object)
{
  g_clear_pointer (&WG_ALERT_MODEL (object)->items, g_ptr_array_unref);
  G_OBJECT_CLASS (wg_alert_model_parent_class)->finalize (object);
}

static void
wg_alert_model_class_init (WgAlertModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wg_alert_model_finalize;
}

static void
wg_alert_model_init (WgAlertModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

WgAlertModel *
wg_alert_model_new (void)
{
  return g_object_new (WG_TYPE_ALERT_MODEL, NULL);
}

/**
 * wg_alert_model_update:
 * @self: a #WgAlertModel
 * @alerts: (transfer container): every alert, as the store lists them
 *   (its elements are taken; the array's free function must be
 *   wg_alert_info_free)
 * @held: whether the list is held still
 * @waiting: (out) (optional) (transfer full): held, the alerts not shown yet
 *
 * Brings the items up to date. An item that changed is told so (its row
 * redraws itself); one that changed place is, unless @held, also told to
 * the model's watchers as one item changed. Unless @held, new alerts are
 * appended and alerts no longer in the store removed.
 */
void
wg_alert_model_update (WgAlertModel  *self,
                       GPtrArray     *alerts,
                       gboolean       held,
                       GPtrArray    **waiting)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) wg_alert_info_free);
  guint i;

  g_return_if_fail (WG_IS_ALERT_MODEL (self));

  g_ptr_array_set_free_func (alerts, NULL);
  for (i = 0; i < alerts->len; i++)
    {
      WgAlertInfo *info = g_ptr_array_index (alerts, i);

      g_hash_table_insert (by_id, &info->id, info);
    }
  g_ptr_array_unref (alerts);

  /* Those shown: changed where they stand, or gone. */
  for (i = 0; i < self->items->len;)
    {
      WgAlert *item = g_ptr_array_index (self->items, i);
      WgAlertInfo *now = g_hash_table_lookup (by_id, &item->info->id);

      if (now == NULL)
        {
          if (held)
            i++;
          else
            {
              g_ptr_array_remove_index (self->items, i);
              g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
            }
          continue;
        }
      g_hash_table_remove (by_id, &now->id);
      if (!info_differs (item->info, now))
        {
          wg_alert_info_free (now);
          i++;
          continue;
        }
      {
        gboolean moved = place_differs (item->info, now);

        wg_alert_info_free (item->info);
        item->info = now;
        g_object_notify_by_pspec (G_OBJECT (item), alert_properties[ALERT_PROP_INFO]);
        if (moved && held)
          item->misplaced = TRUE;
        else if (moved || item->misplaced)
          {
            item->misplaced = FALSE;
            g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
          }
      }
      i++;
    }

  /* What is left is new. */
  {
    GHashTableIter iter;
    WgAlertInfo *info;

    g_hash_table_iter_init (&iter, by_id);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
      g_ptr_array_add (fresh, info);
  }
  g_ptr_array_sort (fresh, compare_infos);
  if (held)
    {
      if (waiting != NULL)
        *waiting = g_steal_pointer (&fresh);
      return;
    }
  if (waiting != NULL)
    *waiting = NULL;
  if (fresh->len > 0)
    {
      guint before = self->items->len;

      g_ptr_array_set_free_func (fresh, NULL);
      for (i = 0; i < fresh->len; i++)
        g_ptr_array_add (self->items, wg_alert_new (g_ptr_array_index (fresh, i)));
      g_list_model_items_changed (G_LIST_MODEL (self), before, 0, fresh->len);
    }
}

/**
 * wg_alert_model_settle:
 * @self: a #WgAlertModel
 *
 * The list is let go: the items whose place changed meanwhile are told to
 * the model's watchers, each as one item changed.
 */
void
wg_alert_model_settle (WgAlertModel *self)
{
  g_return_if_fail (WG_IS_ALERT_MODEL (self));

  for (guint i = 0; i < self->items->len; i++)
    {
      WgAlert *item = g_ptr_array_index (self->items, i);

      if (item->misplaced)
        {
          item->misplaced = FALSE;
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
        }
    }
}
