package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// chartFile is one file under the chart's templates/ directory.
type chartFile struct {
	// Name is Helm's template name: "<chart>/templates/<path>".
	Name string
	Text string
}

type chart struct {
	Dir       string
	Metadata  map[string]interface{}
	Values    map[string]interface{}
	Templates []chartFile
}

// metadataFields are the fields of Helm's chart.Metadata; absent ones are zero values, as
// with Helm's struct, so `.Chart.Home` is "" rather than a missing-key error in strict mode.
var metadataFields = map[string]interface{}{
	"Name": "", "Home": "", "Sources": []interface{}{}, "Version": "", "Description": "",
	"Keywords": []interface{}{}, "Maintainers": []interface{}{}, "Icon": "", "APIVersion": "",
	"Condition": "", "Tags": "", "AppVersion": "", "Deprecated": false,
	"Annotations": map[string]interface{}{}, "KubeVersion": "", "Dependencies": []interface{}{}, "Type": "",
}

func loadChart(dir string) (*chart, error) {
	raw, err := loadYAMLFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	metadata := map[string]interface{}{}
	for key, value := range metadataFields {
		metadata[key] = value
	}
	for key, value := range raw {
		metadata[helmFieldName(key)] = value
	}

	values := map[string]interface{}{}
	if _, statErr := os.Stat(filepath.Join(dir, "values.yaml")); statErr == nil {
		if values, err = loadYAMLFile(filepath.Join(dir, "values.yaml")); err != nil {
			return nil, err
		}
	}

	name, _ := metadata["Name"].(string)
	templatesDir := filepath.Join(dir, "templates")
	var files []chartFile
	err = filepath.Walk(templatesDir, func(path string, info os.FileInfo, walkErr error) error {
		if walkErr != nil || info.IsDir() {
			return walkErr
		}
		text, readErr := os.ReadFile(path)
		if readErr != nil {
			return readErr
		}
		rel, _ := filepath.Rel(templatesDir, path)
		files = append(files, chartFile{Name: name + "/templates/" + filepath.ToSlash(rel), Text: string(text)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return &chart{Dir: dir, Metadata: metadata, Values: values, Templates: files}, nil
}

// helmFieldName maps a Chart.yaml key to the Go field name templates use: appVersion -> AppVersion.
func helmFieldName(key string) string {
	if key == "apiVersion" {
		return "APIVersion"
	}
	runes := []rune(key)
	if len(runes) == 0 {
		return key
	}
	runes[0] = unicode.ToUpper(runes[0])
	return string(runes)
}

// isPartial tells files Helm parses but does not emit (helpers such as _helpers.tpl).
func isPartial(name string) bool {
	return strings.HasPrefix(filepath.Base(name), "_")
}

func isNotes(name string) bool {
	return strings.HasSuffix(name, "/templates/NOTES.txt")
}
