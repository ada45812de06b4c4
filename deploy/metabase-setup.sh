#!/bin/sh
# One-shot: once Metabase answers, register the warehouse's marts as a data source with the read-only role.
set -eu
MB=http://metabase:3000
until curl -fs "$MB/api/health" >/dev/null; do sleep 5; done
token=$(curl -fs "$MB/api/session/properties" | sed -n 's/.*"setup-token":"\([^"]*\)".*/\1/p')
if [ -n "$token" ]; then
  curl -fs -X POST "$MB/api/setup" -H 'Content-Type: application/json' -d "{
    \"token\": \"$token\",
    \"user\": {\"email\": \"$MB_ADMIN_EMAIL\", \"password\": \"$MB_ADMIN_PASSWORD\", \"first_name\": \"CCHC\", \"last_name\": \"Admin\"},
    \"prefs\": {\"site_name\": \"CCHC warehouse\", \"allow_tracking\": false},
    \"database\": {\"engine\": \"postgres\", \"name\": \"CCHC marts\", \"details\": {
      \"host\": \"postgres\", \"port\": 5432, \"dbname\": \"cchc\", \"user\": \"cchc_bi\",
      \"password\": \"$CCHC_BI_PASSWORD\", \"schema-filters-type\": \"inclusion\", \"schema-filters-patterns\": \"marts\"}}
  }" >/dev/null
  echo "Metabase set up with the CCHC marts (user cchc_bi)"
else
  echo "Metabase already set up"
fi
