// Command helm-render renders a Helm chart the way `helm template` does, without Helm: Go's
// text/template with Sprig (Helm's own engine) plus Helm's functions and built-in objects.
// Helm cannot be installed on the machines poc2prod is tested on; this harness lets the tests
// render the generated chart for every environment and facility and validate the output.
//
//	helm-render --chart DIR [-f values.yaml]... [--name REL] [--namespace NS]
//	            [--kube-version 1.30.0] [--api-versions monitoring.coreos.com/v1]... [--strict] [-o json|yaml]
//	            [--values-only]
//
// Values merge in order like `helm -f`. --strict fails on a reference to a missing value key
// (`helm lint --strict`). JSON output: {"manifests":[{"source","content"}],"notes"}. Errors go
// to stderr with exit code 1; usage errors exit 2. values.schema.json is validated by the caller,
// on the merged values that --values-only prints (Helm validates the merged values too).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
)

type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

func main() {
	var valueFiles, apiVersionsFlag repeated
	chartDir := flag.String("chart", "", "chart directory")
	flag.Var(&valueFiles, "f", "values file, may repeat; later files win")
	releaseName := flag.String("name", "release-name", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	kube := flag.String("kube-version", "1.30.0", "Kubernetes version for .Capabilities")
	flag.Var(&apiVersionsFlag, "api-versions", "extra API version for .Capabilities.APIVersions, may repeat")
	strict := flag.Bool("strict", false, "fail on references to missing value keys")
	output := flag.String("o", "json", "output: json or yaml")
	valuesOnly := flag.Bool("values-only", false, "print the merged values as JSON and render nothing")
	flag.Parse()
	if *chartDir == "" || (*output != "json" && *output != "yaml") {
		flag.Usage()
		os.Exit(2)
	}

	c, err := loadChart(*chartDir)
	if err != nil {
		fail(err)
	}
	values := c.Values
	for _, path := range valueFiles {
		overlay, loadErr := loadYAMLFile(path)
		if loadErr != nil {
			fail(loadErr)
		}
		values = mergeValues(values, overlay)
	}
	if *valuesOnly {
		printJSON(values)
		return
	}
	result, err := renderChart(c, values, renderOptions{
		ReleaseName: *releaseName, Namespace: *namespace, KubeVersion: strings.TrimPrefix(*kube, "v"),
		APIVersions: apiVersionsFlag, Strict: *strict,
	})
	if err != nil {
		fail(err)
	}
	if *output == "yaml" {
		for _, m := range result.Manifests {
			fmt.Printf("---\n# Source: %s\n%s\n", m.Source, strings.TrimSpace(m.Content))
		}
		return
	}
	printJSON(result)
}

func printJSON(value interface{}) {
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", "  ")
	if err := encoder.Encode(value); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "Error: %v\n", err)
	os.Exit(1)
}
