/*
 * config.h - the kiosk configuration (INI, read with inih), as
 * shared/spec/interfaces.md defines it. Every key has a default except
 * [trust] bundle_pubkey; a bad value is an error naming section and key.
 */
#ifndef GK_CONFIG_H
#define GK_CONFIG_H

#include <stddef.h>

#define CONFIG_DEFAULT_PATH "/etc/gongkai/kiosk.conf"

struct config {
	char *kiosk_name;          /* [kiosk] name */
	char *kiosk_id;            /* [kiosk] id, part of every tracking number */
	char *database;            /* [kiosk] database */
	int idle_timeout;          /* [kiosk] idle_timeout, seconds */
	char *bundle_pubkey;       /* [trust] bundle_pubkey, minisign "RWQ..." */
	char *seal_pubkey;         /* [trust] seal_pubkey, "" if not set */
	char *printer;             /* [print] printer, "" = CUPS default */
	int max_pages_per_session; /* [print] max_pages_per_session */
	char *pin_hash;            /* [staff] pin_hash, "" if not set */
	char *mount_roots;         /* [usb] mount_roots, colon-separated */
	double speech_rate;        /* [access] speech_rate, 0.3 .. 3 (1 = espeak-ng's normal) */
	char *audio_out;           /* [access] audio_out, "" = the sound device, else a folder */
	char *path;                /* the file it was read from */
	char *warnings;            /* unknown keys, one per line; "" if none */
};

/* Reads the configuration from path (NULL = CONFIG_DEFAULT_PATH), filling
 * defaults. Returns 0, or -1 with err naming the file, line or key. On
 * success the caller calls config_free(). */
int config_load(const char *path, struct config *out, char *err, size_t errlen);

/* Checks that [trust] bundle_pubkey is a minisign Ed25519 public key (the
 * base64 line of a .pub file). Returns 0, or -1 with err naming the file and
 * the key, in Chinese, for the staff. Run before verifying or importing;
 * config_load itself accepts any text so the kiosk starts without a key. */
int config_check_pubkey(const struct config *c, char *err, size_t errlen);

/* Fills defaults only, for tools that run without a configuration file. */
void config_defaults(struct config *out);

/* Frees every string of the configuration. */
void config_free(struct config *c);

#endif
