package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

type kubeVersion struct {
	Version    string
	Major      string
	Minor      string
	GitVersion string
}

func (v kubeVersion) String() string { return v.Version }

// apiVersions mirrors Helm's chartutil.VersionSet: `.Capabilities.APIVersions.Has "policy/v1"`.
type apiVersions []string

func (set apiVersions) Has(version string) bool {
	for _, candidate := range set {
		if candidate == version {
			return true
		}
	}
	return false
}

type capabilities struct {
	KubeVersion kubeVersion
	APIVersions apiVersions
	HelmVersion map[string]interface{}
}

// files is the subset of Helm's .Files this harness supports: reading a file of the chart.
type files struct{ dir string }

func (f files) Get(name string) string {
	raw, err := os.ReadFile(filepath.Join(f.dir, filepath.FromSlash(name)))
	if err != nil {
		return ""
	}
	return string(raw)
}

func (f files) GetBytes(name string) []byte { return []byte(f.Get(name)) }

type renderOptions struct {
	ReleaseName string
	Namespace   string
	KubeVersion string
	APIVersions []string
	Strict      bool
}

type rendered struct {
	Manifests []manifest `json:"manifests"`
	Notes     string     `json:"notes"`
}

type manifest struct {
	Source  string `json:"source"`
	Content string `json:"content"`
}

// defaultAPIVersions are the built-in groups of a current Kubernetes, as Helm reports them
// without a cluster. CRD groups (monitoring.coreos.com/v1) must be passed with --api-versions.
var defaultAPIVersions = []string{
	"v1", "apps/v1", "batch/v1", "autoscaling/v1", "autoscaling/v2", "policy/v1",
	"networking.k8s.io/v1", "rbac.authorization.k8s.io/v1", "storage.k8s.io/v1",
	"apiextensions.k8s.io/v1", "admissionregistration.k8s.io/v1", "coordination.k8s.io/v1",
}

func renderChart(c *chart, values map[string]interface{}, opts renderOptions) (*rendered, error) {
	root := template.New("gotpl").Option(missingKeyOption(opts.Strict)).Funcs(funcMap())
	for _, file := range c.Templates {
		if _, err := root.New(file.Name).Parse(file.Text); err != nil {
			return nil, fmt.Errorf("parse error in %s", err)
		}
	}
	bindRecursive(root, opts.Strict)

	major, minor := splitVersion(opts.KubeVersion)
	chartName, _ := c.Metadata["Name"].(string)
	top := map[string]interface{}{
		"Values": values,
		"Chart":  c.Metadata,
		"Release": map[string]interface{}{
			"Name": opts.ReleaseName, "Namespace": opts.Namespace, "Revision": 1,
			"IsInstall": true, "IsUpgrade": false, "Service": "Helm",
		},
		"Capabilities": capabilities{
			KubeVersion: kubeVersion{Version: "v" + opts.KubeVersion, Major: major, Minor: minor, GitVersion: "v" + opts.KubeVersion},
			APIVersions: append(append(apiVersions{}, defaultAPIVersions...), opts.APIVersions...),
			HelmVersion: map[string]interface{}{"Version": "v3.16.0"},
		},
		"Files":     files{dir: c.Dir},
		"Subcharts": map[string]interface{}{},
	}

	out := &rendered{Manifests: []manifest{}}
	for _, file := range c.Templates {
		if isPartial(file.Name) {
			continue
		}
		data := map[string]interface{}{}
		for key, value := range top {
			data[key] = value
		}
		data["Template"] = map[string]interface{}{"Name": file.Name, "BasePath": chartName + "/templates"}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, file.Name, data); err != nil {
			return nil, fmt.Errorf("render error in %s", err)
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if isNotes(file.Name) {
			out.Notes = text
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		out.Manifests = append(out.Manifests, manifest{Source: file.Name, Content: text})
	}
	return out, nil
}

func splitVersion(version string) (string, string) {
	parts := strings.SplitN(strings.TrimPrefix(version, "v"), ".", 3)
	major, minor := "1", "30"
	if len(parts) > 0 {
		major = parts[0]
	}
	if len(parts) > 1 {
		minor = parts[1]
	}
	return major, minor
}
