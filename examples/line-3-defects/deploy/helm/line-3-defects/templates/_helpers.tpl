{{/*
Names and labels shared by every template. Selector labels are the stable subset (name and
instance): they select the serving pods in the Deployment, Service, PDB and NetworkPolicy, and
never change across upgrades. Version labels (app and model) live only outside selectors.
*/}}

{{- define "app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified name, truncated to 63 characters (the DNS label limit). */}}
{{- define "app.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "app.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "app.labels" -}}
helm.sh/chart: {{ include "app.chart" . }}
{{ include "app.selectorLabels" . }}
app.kubernetes.io/version: {{ include "app.imageTag" . | trunc 63 | quote }}
app.kubernetes.io/component: inference
app.kubernetes.io/part-of: {{ .Chart.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
poc2prod.io/model-version: {{ .Values.model.version | quote }}
{{- with .Values.facility }}
poc2prod.io/facility: {{ . | quote }}
{{- end }}
{{- end }}

{{- define "app.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "app.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image tag defaults to the chart's appVersion, so a chart release pins its image. */}}
{{- define "app.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{/* repository:tag, or repository@digest when a digest is pinned (poc promote pins one). */}}
{{- define "app.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (include "app.imageTag" .) }}
{{- end }}
{{- end }}

{{/* Where the app keeps its review queue and feedback store; the only writable path besides /tmp. */}}
{{- define "app.dataDir" -}}
{{- printf "/var/lib/%s" .Chart.Name }}
{{- end }}

{{- define "app.configDir" -}}
{{- printf "/etc/%s" .Chart.Name }}
{{- end }}
