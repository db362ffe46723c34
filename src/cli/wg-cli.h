/* wg-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the verbs of wangge-cli share.
 */

#pragma once

#include <pthread.h>

#include <json-glib/json-glib.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define WG_CLI_EXIT_USAGE 2

typedef struct
{
  const char *db_path;
  const char *operator_name;
  /* A job's (labels, posters, dossier, backup): cancelled by SIGINT or SIGTERM. */
  GCancellable *cancellable;
  int signal;
  pthread_t signal_thread;
  gboolean watching_signals;
} WgCli;

int       wg_cli_fail          (const GError      *error);
int       wg_cli_usage_error   (const char        *message);
gboolean  wg_cli_parse_options (const char        *verb,
                                const char        *args,
                                GOptionEntry      *entries,
                                int               *argc,
                                char            ***argv,
                                int               *status);
WgStore  *wg_cli_open_store    (WgCli             *cli,
                                WgStoreOpenFlags   flags,
                                GError           **error);

void      wg_cli_print_json    (JsonBuilder       *builder);
void      wg_cli_add_string    (JsonBuilder       *builder,
                                const char        *key,
                                const char        *value);
gboolean  wg_cli_parse_id      (const char        *text,
                                gint64            *id);
char     *wg_cli_full_time     (const char        *at);

void      wg_cli_begin_job     (WgCli             *cli);
void      wg_cli_end_job       (WgCli             *cli);
int       wg_cli_fail_job      (WgCli             *cli,
                                const GError      *error);

/* The verbs that live in files of their own. */
int       wg_cli_import        (WgCli *cli, int argc, char **argv);
int       wg_cli_export        (WgCli *cli, int argc, char **argv);
int       wg_cli_listen        (WgCli *cli, int argc, char **argv);
int       wg_cli_simulate      (WgCli *cli, int argc, char **argv);
int       wg_cli_alerts        (WgCli *cli, int argc, char **argv);
int       wg_cli_sensors       (WgCli *cli, int argc, char **argv);
int       wg_cli_returnees     (WgCli *cli, int argc, char **argv);
int       wg_cli_tests         (WgCli *cli, int argc, char **argv);
int       wg_cli_board         (WgCli *cli, int argc, char **argv);
int       wg_cli_quarantine    (WgCli *cli, int argc, char **argv);
int       wg_cli_sites         (WgCli *cli, int argc, char **argv);
int       wg_cli_rooms         (WgCli *cli, int argc, char **argv);
int       wg_cli_transfers     (WgCli *cli, int argc, char **argv);
int       wg_cli_orders        (WgCli *cli, int argc, char **argv);
int       wg_cli_patrols       (WgCli *cli, int argc, char **argv);
int       wg_cli_roster        (WgCli *cli, int argc, char **argv);
int       wg_cli_away          (WgCli *cli, int argc, char **argv);
int       wg_cli_disinfection  (WgCli *cli, int argc, char **argv);
int       wg_cli_figures       (WgCli *cli, int argc, char **argv);
int       wg_cli_report        (WgCli *cli, int argc, char **argv);

G_END_DECLS
