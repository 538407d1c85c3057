/*
 * speech.c - read-aloud through espeak-ng in a child process: one child per
 * line, started and reaped by speech_poll() without ever blocking, killed
 * with its process group by speech_stop().
 */
#include "kiosk/speech.h"

#include "kiosk/speech_text.h"
#include "kiosk/util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct speech {
	int wpm;
	char *audio_out;  /* folder, or NULL */
	char **lines;     /* owned copies */
	int n, cap;
	int next;         /* the next line to start */
	int current;      /* the line being spoken, or -1 */
	pid_t pid;        /* the child, or 0 */
	int errfd;        /* read end of the child's stderr, or -1 */
	char errbuf[512]; /* what the child wrote to stderr */
	size_t errlen;
	unsigned seq;     /* utterances written to audio_out */
	int stopped;
};

/* Converts rate to words a minute; see speech.h. */
int speech_wpm(double rate)
{
	double w = SPEECH_NORMAL_WPM * rate;

	if (!(w >= 80))
		w = 80;
	if (w > 450)
		w = 450;
	return (int)(w + 0.5);
}

/* Makes a reader; see speech.h. */
struct speech *speech_new(double rate, const char *audio_out)
{
	struct speech *s = xcalloc(1, sizeof *s);

	s->wpm = speech_wpm(rate);
	if (audio_out && *audio_out)
		s->audio_out = xstrdup(audio_out);
	s->current = -1;
	s->errfd = -1;
	return s;
}

/* Adds a line; see speech.h. */
int speech_add(struct speech *s, const char *utf8)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->lines = xrealloc(s->lines, (size_t)s->cap * sizeof *s->lines);
	}
	s->lines[s->n] = xstrdup(utf8 ? utf8 : "");
	return s->n++;
}

/* Returns the pid of the utterance under way, or 0. */
int speech_child(const struct speech *s)
{
	return s ? (int)s->pid : 0;
}

/* Reads what the child wrote to stderr so far (never blocks). */
static void drain_err(struct speech *s)
{
	char buf[256];
	ssize_t r;

	if (s->errfd < 0)
		return;
	while ((r = read(s->errfd, buf, sizeof buf)) > 0) {
		size_t room = sizeof s->errbuf - 1 - s->errlen;
		size_t k = (size_t)r < room ? (size_t)r : room;

		memcpy(s->errbuf + s->errlen, buf, k);
		s->errlen += k;
		s->errbuf[s->errlen] = '\0';
	}
}

/* Closes the stderr pipe. */
static void close_err(struct speech *s)
{
	if (s->errfd >= 0)
		close(s->errfd);
	s->errfd = -1;
}

/* Kills and reaps the child, if any. */
static void kill_child(struct speech *s)
{
	if (s->pid > 0) {
		kill(-s->pid, SIGKILL);
		kill(s->pid, SIGKILL);
		while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	s->pid = 0;
	close_err(s);
}

/* Stops speaking; see speech.h. */
void speech_stop(struct speech *s)
{
	if (!s)
		return;
	kill_child(s);
	s->next = s->n;
	s->current = -1;
	s->stopped = 1;
}

/* Frees the reader; see speech.h. */
void speech_free(struct speech *s)
{
	if (!s)
		return;
	kill_child(s);
	for (int i = 0; i < s->n; i++)
		free(s->lines[i]);
	free(s->lines);
	free(s->audio_out);
	free(s);
}

/* Returns espeak-ng found on PATH (caller frees), or NULL. */
static char *find_program(void)
{
	const char *path = getenv("PATH");

	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t len = strcspn(path, ":");
		char *p = xasprintf("%.*s/espeak-ng", (int)len, path);

		if (len && access(p, X_OK) == 0)
			return p;
		free(p);
		path += len;
		if (*path == ':')
			path++;
	}
	return NULL;
}

/* Starts espeak-ng on pinyin. Returns 0, or -1 with err. */
static int spawn(struct speech *s, const char *pinyin, char *err, size_t errlen)
{
	char *prog = find_program(), *wav = NULL;
	char wpm[16];
	const char *argv[10];
	int argc = 0, p[2], devnull;
	pid_t parent = getpid(), pid;
	struct timespec ts;

	if (!prog) {
		util_errf(err, errlen, "这台机器没有安装朗读程序（espeak-ng），不能朗读。");
		return -1;
	}
	snprintf(wpm, sizeof wpm, "%d", s->wpm);
	argv[argc++] = "espeak-ng";
	argv[argc++] = "-v";
	argv[argc++] = "cmn-latn-pinyin";
	argv[argc++] = "-s";
	argv[argc++] = wpm;
	if (s->audio_out) {
		clock_gettime(CLOCK_REALTIME, &ts);
		wav = xasprintf("%s/gongkai-%lld%03ld-%04u.wav", s->audio_out,
				(long long)ts.tv_sec, ts.tv_nsec / 1000000, s->seq++);
		argv[argc++] = "-w";
		argv[argc++] = wav;
	}
	argv[argc++] = pinyin;
	argv[argc] = NULL;
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0 || pipe2(p, O_CLOEXEC) != 0) {
		util_errf(err, errlen, "不能朗读：%s", strerror(errno));
		if (devnull >= 0)
			close(devnull);
		free(prog);
		free(wav);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		/* The child: only async-signal-safe calls until exec. */
		static const int sigs[] = { SIGINT, SIGQUIT, SIGTSTP, SIGPIPE, SIGTERM, SIGHUP };
		sigset_t none;

		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(0);
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			signal(sigs[i], SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		dup2(devnull, 0);
		dup2(devnull, 1);
		dup2(p[1], 2);
		execv(prog, (char *const *)argv);
		_exit(127);
	}
	close(devnull);
	close(p[1]);
	free(prog);
	free(wav);
	if (pid < 0) {
		close(p[0]);
		util_errf(err, errlen, "不能朗读：%s", strerror(errno));
		return -1;
	}
	setpgid(pid, pid); /* either side may win the race; both set the same */
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	s->pid = pid;
	s->errfd = p[0];
	s->errlen = 0;
	s->errbuf[0] = '\0';
	return 0;
}

/* Advances; see speech.h. */
int speech_poll(struct speech *s, char *err, size_t errlen)
{
	if (s->pid > 0) {
		int status;
		pid_t w = waitpid(s->pid, &status, WNOHANG);

		drain_err(s);
		if (w == 0)
			return s->current;
		s->pid = 0;
		drain_err(s);
		close_err(s);
		if (w > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 127) {
			util_errf(err, errlen, "这台机器没有安装朗读程序（espeak-ng），不能朗读。");
			speech_stop(s);
			return SPEECH_FAILED;
		}
		if (strstr(s->errbuf, "error") || strstr(s->errbuf, "ALSA") ||
		    (w > 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))) {
			util_errf(err, errlen, s->audio_out
				  ? "朗读失败：不能写入声音文件夹。"
				  : "这台机器没有声音设备（或没有接音箱），不能朗读。");
			speech_stop(s);
			return SPEECH_FAILED;
		}
		s->current = -1;
	}
	while (s->next < s->n) {
		int i = s->next++;
		char *py = speech_text_pinyin(s->lines[i], strlen(s->lines[i]), NULL);
		int rc;

		if (!py[strspn(py, " ,.")]) {
			free(py);
			continue;
		}
		rc = spawn(s, py, err, errlen);
		free(py);
		if (rc != 0) {
			speech_stop(s);
			return SPEECH_FAILED;
		}
		s->current = i;
		return i;
	}
	s->current = -1;
	return SPEECH_DONE;
}
