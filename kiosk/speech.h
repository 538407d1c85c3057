/*
 * speech.h - read-aloud: lines of text spoken one after another by espeak-ng
 * (`-v cmn-latn-pinyin`, the pinyin of kiosk/speech_text.h) in a child
 * process that the kiosk polls and never waits on.
 *
 * The child runs in its own process group (speech_stop kills the group at
 * once) and gets SIGKILL when the kiosk dies (PR_SET_PDEATHSIG). With an
 * audio_out folder each utterance is written there as a WAV file
 * (gongkai-<ms>-<n>.wav) instead of being played. No shell is involved: the
 * pinyin is one argument of execvp.
 *
 * No curses; one reader per screen; not thread-safe.
 */
#ifndef GK_SPEECH_H
#define GK_SPEECH_H

#include <stddef.h>

/* espeak-ng's normal speed in words a minute; speech_rate scales it. */
#define SPEECH_NORMAL_WPM 175

/* What speech_poll() says. */
enum {
	SPEECH_DONE = -1,   /* every line was spoken (or stopped) */
	SPEECH_FAILED = -2, /* espeak-ng is missing or there is no sound device */
};

struct speech;

/* Makes a reader speaking at rate × the normal speed (0.3 .. 3), into
 * audio_out (a folder, copied; NULL or "" = the sound device). The program
 * is "espeak-ng" from PATH (tests put a stand-in first on PATH).
 * Caller frees with speech_free(). */
struct speech *speech_new(double rate, const char *audio_out);

/* Stops speaking and frees the reader; NULL is fine. */
void speech_free(struct speech *s);

/* Adds a line to read (copied); lines with nothing to say are skipped when
 * their turn comes. Returns the line's number (0, 1, ...). */
int speech_add(struct speech *s, const char *utf8);

/* Advances without blocking: when no utterance is under way, starts the next
 * line. Returns the number of the line being spoken, SPEECH_DONE, or
 * SPEECH_FAILED with a plain Chinese message in err. */
int speech_poll(struct speech *s, char *err, size_t errlen);

/* Stops at once: the child's process group is killed and reaped, the
 * remaining lines are dropped. speech_poll() then returns SPEECH_DONE. */
void speech_stop(struct speech *s);

/* Returns the process id of the utterance under way, or 0 (tests, bench). */
int speech_child(const struct speech *s);

/* Converts rate to espeak-ng's -s words a minute (clamped to 80 .. 450). */
int speech_wpm(double rate);

#endif
