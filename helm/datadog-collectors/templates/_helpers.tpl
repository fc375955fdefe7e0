{{/*
Names and labels (the usual chart helpers).
*/}}
{{- define "datadog-collectors.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's resource name prefix, at most 48 characters: "-schedules-sync" still fits in 63. */}}
{{- define "datadog-collectors.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 48 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 48 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 48 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "datadog-collectors.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "datadog-collectors.labels" -}}
helm.sh/chart: {{ include "datadog-collectors.chart" . }}
app.kubernetes.io/name: {{ include "datadog-collectors.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: datadog-collectors
{{- end }}

{{/* Selects the worker pods only (not the hook Job's or the test's). */}}
{{- define "datadog-collectors.selectorLabels" -}}
app.kubernetes.io/name: {{ include "datadog-collectors.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: worker
{{- end }}

{{- define "datadog-collectors.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "datadog-collectors.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name: name an existing ServiceAccount when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "datadog-collectors.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
Where the pods find the config file and the Temporal certificates.
*/}}
{{- define "datadog-collectors.configDir" -}}/etc/collectors{{- end }}
{{- define "datadog-collectors.tlsDir" -}}/etc/temporal-tls{{- end }}

{{/*
The config file (collectors.yaml) built from the values. Sections the config shares with the values are
copied as they are; the chart-only keys (Secret names) are left out, and the TLS file paths point at the
mounted Secret.
*/}}
{{- define "datadog-collectors.config" -}}
{{- $v := .Values }}
{{- $temporal := dict "address" $v.temporal.address "namespace" $v.temporal.namespace }}
{{- with $v.temporal.taskQueue }}{{ $_ := set $temporal "taskQueue" . }}{{ end }}
{{- $tlsValues := $v.temporal.tls | default dict }}
{{- $tls := dict }}
{{- if hasKey $tlsValues "enabled" }}{{ $_ := set $tls "enabled" $tlsValues.enabled }}{{ end }}
{{- with $tlsValues.serverName }}{{ $_ := set $tls "serverName" . }}{{ end }}
{{- if $tlsValues.existingSecret }}
{{- $dir := include "datadog-collectors.tlsDir" . }}
{{- with $tlsValues.caKey }}{{ $_ := set $tls "serverRootCaFile" (printf "%s/%s" $dir .) }}{{ end }}
{{- with $tlsValues.certKey }}{{ $_ := set $tls "clientCertFile" (printf "%s/%s" $dir .) }}{{ end }}
{{- with $tlsValues.keyKey }}{{ $_ := set $tls "clientKeyFile" (printf "%s/%s" $dir .) }}{{ end }}
{{- end }}
{{- if $tls }}{{ $_ := set $temporal "tls" $tls }}{{ end }}
{{- $config := dict
  "deployment" $v.deployment
  "temporal" $temporal
  "datadog" $v.datadog
  "secrets" (omit $v.secrets "existingSecret")
  "cycle" $v.cycle
  "worker" $v.worker
  "collectors" ($v.collectors | default dict) }}
{{- toYaml $config }}
{{- end }}

{{/*
Unified service tagging: the env, service and version tags of every point, which the pods' labels
tags.datadoghq.com/* and their DD_ENV, DD_SERVICE, DD_VERSION say too. version: datadog.version, else
the image tag, else the chart's appVersion (as app.kubernetes.io/version). service and env default
as the config file does. Each must be a Datadog tag value (lower case) and a Kubernetes label value.
*/}}
{{- define "datadog-collectors.unifiedTag" -}}
{{- $key := index . 0 }}
{{- $value := index . 1 | toString }}
{{- $from := index . 2 }}
{{- if not (regexMatch "^[a-z0-9]([a-z0-9_.-]{0,61}[a-z0-9])?$" $value) }}
{{- fail (printf "%s: the %s tag would be %q, which is not both a lower-case Datadog tag value and a Kubernetes label value (at most 63 letters, digits, - _ ., starting and ending with a letter or digit); set datadog.%s" $from $key $value $key) }}
{{- end }}
{{- $value }}
{{- end }}

{{- define "datadog-collectors.ddEnv" -}}
{{- include "datadog-collectors.unifiedTag" (list "env" (.Values.datadog.env | default "dev") "datadog.env") }}
{{- end }}

{{- define "datadog-collectors.ddService" -}}
{{- include "datadog-collectors.unifiedTag" (list "service" (.Values.datadog.service | default "datadog-collectors") "datadog.service") }}
{{- end }}

{{- define "datadog-collectors.ddVersion" -}}
{{- $from := ternary "datadog.version" (ternary "image.tag" "the chart's appVersion" (not (empty .Values.image.tag))) (not (empty .Values.datadog.version)) }}
{{- include "datadog-collectors.unifiedTag" (list "version" (.Values.datadog.version | default .Values.image.tag | default .Chart.AppVersion) $from) }}
{{- end }}

{{- define "datadog-collectors.unifiedTagLabels" -}}
tags.datadoghq.com/env: {{ include "datadog-collectors.ddEnv" . | quote }}
tags.datadoghq.com/service: {{ include "datadog-collectors.ddService" . | quote }}
tags.datadoghq.com/version: {{ include "datadog-collectors.ddVersion" . | quote }}
{{- end }}

{{/*
Environment of every container (worker, schedules hook, test): the config file, the log level, the
unified service tags, the Temporal API key and the app secrets, by reference only.
*/}}
{{- define "datadog-collectors.env" -}}
- name: COLLECTORS_CONFIG
  value: {{ include "datadog-collectors.configDir" . }}/collectors.yaml
- name: LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: DD_ENV
  value: {{ include "datadog-collectors.ddEnv" . | quote }}
- name: DD_SERVICE
  value: {{ include "datadog-collectors.ddService" . | quote }}
- name: DD_VERSION
  value: {{ include "datadog-collectors.ddVersion" . | quote }}
{{- with .Values.temporal.apiKey }}
{{- if .existingSecret }}
- name: TEMPORAL_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .key }}
{{- end }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The app secrets (DD_API_KEY, GITHUB_TOKEN, ...) from an existing Secret, every key as a variable. */}}
{{- define "datadog-collectors.envFrom" -}}
envFrom:
  - secretRef:
      name: {{ .Values.secrets.existingSecret }}
{{- end }}

{{- define "datadog-collectors.volumes" -}}
- name: config
  configMap:
    name: {{ include "datadog-collectors.fullname" . }}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- with .Values.temporal.tls }}
{{- if .existingSecret }}
- name: temporal-tls
  secret:
    secretName: {{ .existingSecret }}
    defaultMode: 0440
    items:
      {{- range $key := list .caKey .certKey .keyKey | compact | uniq }}
      - key: {{ $key }}
        path: {{ $key }}
      {{- end }}
{{- end }}
{{- end }}
{{- end }}

{{- define "datadog-collectors.volumeMounts" -}}
- name: config
  mountPath: {{ include "datadog-collectors.configDir" . }}
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if .Values.temporal.tls.existingSecret }}
- name: temporal-tls
  mountPath: {{ include "datadog-collectors.tlsDir" . }}
  readOnly: true
{{- end }}
{{- end }}

{{/* The image's node user (uid 1000); fsGroup lets it read the mounted Secret files (mode 0440). */}}
{{- define "datadog-collectors.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "datadog-collectors.securityContext" -}}
runAsNonRoot: true
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
--max-old-space-size in MiB: maxOldSpacePercent of resources.limits.memory. Empty without a memory limit.
*/}}
{{- define "datadog-collectors.maxOldSpaceMiB" -}}
{{- $memory := dig "limits" "memory" "" (.Values.resources | default dict) | toString }}
{{- if $memory }}
{{- $number := regexFind "^[0-9]+(\\.[0-9]+)?" $memory }}
{{- $units := dict "" 1 "k" 1000 "M" 1000000 "G" 1000000000 "T" 1000000000000 "Ki" 1024 "Mi" 1048576 "Gi" 1073741824 "Ti" 1099511627776 }}
{{- $bytes := mulf $number (get $units (trimPrefix $number $memory)) }}
{{- divf (mulf $bytes .Values.maxOldSpacePercent) 104857600 | floor | int }}
{{- end }}
{{- end }}

{{/* A duration such as 90s, 5m or 1h30m in seconds (the config's format; the schema checked it). */}}
{{- define "datadog-collectors.seconds" -}}
{{- $units := dict "w" 604800.0 "d" 86400.0 "h" 3600.0 "m" 60.0 "s" 1.0 "ms" 0.001 }}
{{- $total := 0.0 }}
{{- range regexFindAll "[0-9]+(ms|w|d|h|m|s)" . -1 }}
{{- $number := regexFind "^[0-9]+" . }}
{{- $total = addf $total (mulf $number (get $units (trimPrefix $number .))) }}
{{- end }}
{{- $total }}
{{- end }}

{{/*
Fails when a unit timeout set in values is not below terminationGracePeriodSeconds: on SIGTERM the
worker lets running units finish for up to the longest timeout, and Kubernetes would kill it first.
(The catalogs' own default timeouts are below the default of 330 s; test/helm checks that.)
*/}}
{{- define "datadog-collectors.checkGrace" -}}
{{- $grace := int .Values.terminationGracePeriodSeconds }}
{{- range $name, $collector := .Values.collectors | default dict }}
{{- if and $collector (dig "enabled" true $collector) }}
{{- range $group, $settings := $collector.groups | default dict }}
{{- if and $settings (dig "enabled" true $settings) $settings.timeout }}
{{- $seconds := include "datadog-collectors.seconds" $settings.timeout | float64 }}
{{- if ge $seconds (float64 $grace) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must exceed collectors.%s.groups.%s.timeout (%s): the worker lets running units finish before it exits. Raise it to at least %d." $grace $name $group $settings.timeout (add (int (ceil $seconds)) 30)) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
