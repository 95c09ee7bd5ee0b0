#!/bin/sh
# The demo's jobs, as cron jobs and an agent on real hosts would run them, against health-service's demo
# monitors: every 30 s the host metrics agent posts this machine's readings to cont-api-host-metrics; every
# 10 min a heartbeat goes to cont-telephony-heartbeat and a backup report to cont-api-backup (a full backup
# once a day, incremental ones between). The push URLs, with their secret tokens, come from the monitor API.
#   devstack/demo-jobs.sh [HEALTH_URL] [AGENT_OPTIONS...]
# HEALTH_URL is health-service's address (http://localhost:8081 by default); AGENT_OPTIONS go to
# health-service/agent/contingo-agent.sh (e.g. --process java). ./platform up runs it, and so does the demo-jobs
# service of docker-compose.yml. Runs until stopped; POSIX sh and curl only. Each post writes one line: when,
# what went where, and health-service's answer (./platform up keeps them in .data/logs/demo-jobs.log).
set -u

health=${1:-http://localhost:8081}
[ $# -gt 0 ] && shift
agent="$(dirname "$0")/../health-service/agent/contingo-agent.sh"
admin=${CONTINGO_DEMO_ADMIN:-admin:demo} # the LOCAL DEMO account; the monitor API needs ADMIN

log() { # one line: the time, then what was posted and the answer
  printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"
}

post() { # what, monitor id, url, JSON body (may be empty): posts it and logs what was posted and the answer
  if [ -n "$4" ]; then
    answer=$(curl -q -sS --max-time 10 -H 'Content-Type: application/json' --data-binary "$4" -w '\n%{http_code}' "$3" 2>&1)
  else
    answer=$(curl -q -sS --max-time 10 -X POST -w '\n%{http_code}' "$3" 2>&1)
  fi
  code=$(printf '%s\n' "$answer" | tail -n 1)
  body=$(printf '%s\n' "$answer" | sed '$d' | tr -d '\n' | cut -c1-200)
  case $code in
    2??) log "$1 to $2: HTTP $code $body" ;;
    000) log "$1 to $2: not sent, health-service did not answer ($body)" ;;
    *) log "$1 to $2: refused, HTTP $code $body" ;;
  esac
}

push_url() { # monitor id: its pushUrl in the monitor API's answer
  printf '%s\n' "$monitors" | tr '{' '\n' | grep "\"id\":\"$1\"" | grep -o '"pushUrl":"[^"]*"' | cut -d'"' -f4
}

tick=0 # one every 30 s: 20 make 10 min, 2880 a day
next_push=0 next_full=0
heartbeat= backup= metrics=
while true; do
  if [ "$tick" -ge "$next_push" ] || [ -z "$metrics" ]; then
    monitors=$(curl -q -sS --max-time 10 -u "$admin" "$health/api/monitors") || monitors=
    heartbeat=$(push_url cont-telephony-heartbeat)
    backup=$(push_url cont-api-backup)
    metrics=$(push_url cont-api-host-metrics)
    [ -n "$metrics" ] || log "no push URLs from $health/api/monitors yet (is health-service up, are the demo monitors there?)"
  fi
  if [ "$tick" -ge "$next_push" ] && [ -n "$heartbeat" ] && [ -n "$backup" ]; then
    post heartbeat cont-telephony-heartbeat "$heartbeat" ""
    kind=incremental
    if [ "$tick" -ge "$next_full" ]; then kind=full; next_full=$((tick + 2880)); fi
    post "$kind backup report" cont-api-backup "$backup" \
      "{\"kind\":\"$kind\",\"sizeBytes\":52428800,\"finishedAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"ok\":true}"
    next_push=$((tick + 20))
  fi
  if [ -n "$metrics" ]; then
    readings=$(sh "$agent" --print "$@") && post "host metrics" cont-api-host-metrics "$metrics/metrics" "$readings"
  fi
  tick=$((tick + 1))
  sleep 30
done
