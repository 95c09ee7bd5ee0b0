#!/bin/sh
# contingo-agent.sh: reads this host's metrics from /proc and df and posts them as JSON to a Contingo metrics
# monitor. POSIX sh, curl and a Linux /proc; nothing else. It sends nothing anywhere but the URL it is given.
# contingo-agent.sh --help says how to use it; health-service/README.md says what the readings mean.
set -u
LC_ALL=C
export LC_ALL

me=contingo-agent

usage() {
  cat <<'USAGE'
Usage: contingo-agent.sh PUSH_URL [--mount PATH] [--process NAME] [--once | --every SECONDS]
                         [--clock-command CMD] [--lag-command CMD] [--print]

Reads this host's disk and inode use (df -P, df -Pi), load (/proc/loadavg), CPU use (/proc/stat, sampled over
one second), memory and swap use (/proc/meminfo) and uptime (/proc/uptime), and posts them as JSON to a
Contingo metrics monitor.

PUSH_URL                the monitor's push URL followed by /metrics, e.g.
                        http://localhost:8081/api/push/<token>/metrics (GET /api/monitors lists push URLs)
--mount PATH            the mount whose disk and inode use to read (default /)
--process NAME          also say whether a process with this command name runs (as ps -e shows it)
--clock-command CMD     a command that prints the clock's offset from your reference in seconds (either
                        sign), e.g. "chronyc -c tracking | cut -d, -f5"; without it, no clock drift is sent
--lag-command CMD       a command that prints a replication lag in seconds; without it, no lag is sent
--once                  read and post once, then exit (the default)
--every SECONDS         read and post every SECONDS seconds until stopped
--print                 print the JSON body instead of posting it; PUSH_URL may be left out
--help                  this text

Exit status (--once): 0 when the readings were taken, 1 when they were refused or could not be posted,
2 for a mistake in the options.
USAGE
}

die() {
  echo "$me: $*" >&2
  exit 2
}

warn() {
  echo "$me: $*" >&2
}

url=
mount=/
process=
clock_command=
lag_command=
every=
print=0
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --mount|--process|--clock-command|--lag-command|--every)
      [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (--help lists the options)"
      case $1 in
        --mount) mount=$2 ;;
        --process) process=$2 ;;
        --clock-command) clock_command=$2 ;;
        --lag-command) lag_command=$2 ;;
        --every) every=$2 ;;
      esac
      shift 2 ;;
    --once) every=; shift ;;
    --print) print=1; shift ;;
    -*) die "unknown option $1 (--help lists the options)" ;;
    *)
      [ -z "$url" ] || die "one PUSH_URL only (got $url and $1)"
      url=$1; shift ;;
  esac
done

if [ "$print" = 0 ]; then
  [ -n "$url" ] || { usage >&2; exit 2; }
  case $url in
    *[[:space:][:cntrl:]]*) die "PUSH_URL must not contain spaces or control characters" ;;
    http://*/metrics|https://*/metrics) ;;
    *) die "PUSH_URL must be an http:// or https:// push URL ending in /metrics (the monitor's push URL followed by /metrics)" ;;
  esac
fi
if [ -n "$every" ]; then
  case $every in *[!0-9]*) die "--every takes a whole number of seconds above 0" ;; esac
  [ "$every" -gt 0 ] || die "--every takes a whole number of seconds above 0"
fi

# The use% column of df -P (disk) or df -Pi (inodes) for the mount, without the %; nothing when the file system
# does not say (some have no inodes).
used_percent() {
  df "$1" "$mount" 2>/dev/null | awk 'NR == 2 && $5 ~ /^[0-9]+%$/ { sub(/%$/, "", $5); print $5 }'
}

# "total idle" jiffies of all CPUs from /proc/stat (user to steal; guest time is counted in user already).
cpu_times() {
  awk '$1 == "cpu" { for (i = 2; i <= 9 && i <= NF; i++) total += $i; print total, $5 + $6; exit }' /proc/stat
}

cpu_percent() {
  first=$(cpu_times)
  sleep 1
  second=$(cpu_times)
  echo "$first $second" | awk 'NF == 4 && $3 > $1 { printf "%.1f\n", 100 * (($3 - $1) - ($4 - $2)) / ($3 - $1) }'
}

# "memory% swap%" from /proc/meminfo: memory in use is total less available (free + buffers + cache on kernels
# without MemAvailable); swap is 0 on a host without any.
memory_and_swap() {
  awk '/^MemTotal:/ { total = $2 } /^MemAvailable:/ { available = $2; known = 1 }
       /^MemFree:/ { free = $2 } /^Buffers:/ { buffers = $2 } /^Cached:/ { cached = $2 }
       /^SwapTotal:/ { swap = $2 } /^SwapFree:/ { swapfree = $2 }
       END {
         if (!known) available = free + buffers + cached
         if (total > 0) printf "%.1f ", 100 * (total - available) / total; else printf "- "
         if (swap > 0) printf "%.1f\n", 100 * (swap - swapfree) / swap; else print "0"
       }' /proc/meminfo
}

# Whether a process with this command name runs: /proc/PID/comm holds the first 15 characters of it.
process_runs() {
  comm=$(printf '%s' "$1" | cut -c1-15)
  for file in /proc/[0-9]*/comm; do
    { IFS= read -r name < "$file"; } 2>/dev/null || continue
    [ "$name" = "$comm" ] && return 0
  done
  return 1
}

# The first line of an operator's command as a JSON number (with the given printf format), or nothing, with a
# warning, when it fails or prints something else. It gets 10 seconds where timeout(1) exists.
command_number() { # label, command, format
  if command -v timeout > /dev/null 2>&1; then
    out=$(timeout 10 sh -c "$2" 2> /dev/null | head -n 1)
  else
    out=$(sh -c "$2" 2> /dev/null | head -n 1)
  fi
  number=$(printf '%s\n' "$out" | awk -v format="$3" '
    { gsub(/^[ \t]+|[ \t\r]+$/, "") }
    /^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$/ { printf format "\n", $0 + 0; found = 1 }
    END { exit !found }') || { warn "$1 left out: '$2' did not print a number of seconds"; return 0; }
  printf '%s\n' "$number"
}

# A JSON string: quotes and backslashes escaped, control characters dropped.
json_string() {
  printf '"%s"' "$(printf '%s' "$1" | tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

# Adds "name":value to the body, unless the value is empty or "-" (not measured).
add() {
  [ -n "$2" ] && [ "$2" != - ] && body="${body:+$body,}\"$1\":$2"
  return 0
}

readings() {
  body=
  add disk "$(used_percent -P)"
  add inodes "$(used_percent -Pi)"
  read -r load _ < /proc/loadavg && add load "$load"
  add cpu "$(cpu_percent)"
  read -r memory swap <<EOF
$(memory_and_swap)
EOF
  add memory "$memory"
  add swap "$swap"
  read -r uptime _ < /proc/uptime && add uptime "$uptime"
  if [ -n "$clock_command" ]; then
    add clockDrift "$(command_number "clock drift" "$clock_command" "%.3f")"
  fi
  if [ -n "$lag_command" ]; then
    add replicationLag "$(command_number "replication lag" "$lag_command" "%.1f")"
  fi
  if [ -n "$process" ]; then
    if process_runs "$process"; then add process true; else add process false; fi
    add processName "$(json_string "$process")"
  fi
  printf '{%s}\n' "$body"
}

post() {
  answer=$(curl -q -sS --max-time 10 --proto '=http,https' -H 'Content-Type: application/json' \
    --data-binary "$1" -w '\n%{http_code}' "$url") || { warn "could not post to health-service"; return 1; }
  code=$(printf '%s\n' "$answer" | tail -n 1)
  case $code in
    2??) return 0 ;;
    *) warn "health-service refused the readings (HTTP $code): $(printf '%s\n' "$answer" | sed '$d')"; return 1 ;;
  esac
}

while true; do
  json=$(readings)
  if [ "$print" = 1 ]; then
    printf '%s\n' "$json"
    status=0
  else
    post "$json"
    status=$?
  fi
  [ -n "$every" ] || exit "$status"
  sleep "$every"
done
