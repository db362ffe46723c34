/* wg-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the verbs of wangge-cli share.
 */

#pragma once

#include <pthread.h>

#include "wg-store.h"

G_BEGIN_DECLS

#define EXIT_USAGE 2

typedef struct
{
  const char *db_path;
  const char *operator_name;
  /* A job's (labels, posters, dossier, backup): cancelled by SIGINT or SIGTERM. */
  GCancellable *cancellable;
  int signal;
  pthread_t signal_thread;
  gboolean watching_signals;
} Cli;

int       fail               (const GError      *error);
int       usage_error        (const char        *message);
gboolean  parse_verb_options (const char        *verb,
                              const char        *args,
                              GOptionEntry      *entries,
                              int               *argc,
                              char            ***argv,
                              int               *status);
WgStore  *open_store         (Cli               *cli,
                              WgStoreOpenFlags   flags,
                              GError           **error);

void      begin_job          (Cli               *cli);
void      end_job            (Cli               *cli);
int       fail_job           (Cli               *cli,
                              const GError      *error);

int       verb_import        (Cli *cli, int argc, char **argv);
int       verb_export        (Cli *cli, int argc, char **argv);
int       verb_listen        (Cli *cli, int argc, char **argv);
int       verb_simulate      (Cli *cli, int argc, char **argv);
int       verb_alerts        (Cli *cli, int argc, char **argv);
int       verb_sensors       (Cli *cli, int argc, char **argv);

G_END_DECLS
