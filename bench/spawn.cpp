// bench-spawn PROGRAM [ARGS...]: runs PROGRAM the way a benchmark needs to see it.
//   spawn-pid <pid>                      the program's process ID
//   spawn-start <CLOCK_MONOTONIC s>      taken in the child right before execvp()
//   … whatever the program prints on stdout …
//   spawn-exit <code|-signal> <peak RSS KiB> <user s> <system s> <CLOCK_MONOTONIC s at reaping>
// The peak RSS is wait4()'s ru_maxrss: the program's own high-water mark (or that of a child
// it waited for, if larger) over its whole life, read by the kernel when it ended. SIGTERM and
// SIGINT are passed on to the program; stdin is the program's.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <ctime>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {
volatile sig_atomic_t g_child = 0;

void forward(int signal)
{
    if (g_child > 0)
        kill(pid_t(g_child), signal);
}

double seconds(const timeval &t)
{
    return double(t.tv_sec) + double(t.tv_usec) / 1e6;
}
} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PROGRAM [ARGS...]\n", argv[0]);
        return 2;
    }
    std::fflush(stdout);
    const pid_t child = fork();
    if (child < 0) {
        std::perror("fork");
        return 1;
    }
    if (child == 0) {
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        dprintf(STDOUT_FILENO, "spawn-start %.6f\n",
                double(now.tv_sec) + double(now.tv_nsec) / 1e9);
        execvp(argv[1], argv + 1);
        dprintf(STDOUT_FILENO, "spawn-error exec %s failed: errno %d\n", argv[1], errno);
        _exit(127);
    }
    g_child = child;
    struct sigaction action
    {
    };
    action.sa_handler = forward;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    dprintf(STDOUT_FILENO, "spawn-pid %d\n", int(child));

    int status = 0;
    rusage usage{};
    while (wait4(child, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::perror("wait4");
            return 1;
        }
    }
    timespec end{};
    clock_gettime(CLOCK_MONOTONIC, &end);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    dprintf(STDOUT_FILENO, "spawn-exit %d %ld %.3f %.3f %.6f\n", code, usage.ru_maxrss,
            seconds(usage.ru_utime), seconds(usage.ru_stime),
            double(end.tv_sec) + double(end.tv_nsec) / 1e9);
    return 0;
}
