package prefdata_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/estimators/prefdata"
)

func Example() {
	alts, err := prefdata.ReadAlternatives("A.csv", strings.NewReader("id,x\nu,0\nv,1\n"))
	if err != nil {
		log.Fatal(err)
	}
	// u won 3 of 4 comparisons with v: r_u − r_v = ln 3, within the tolerance
	// of Fit.
	rows, err := prefdata.ReadComparisons("C.csv", strings.NewReader("a,b,p,count\nu,v,0.75,4\n"), alts)
	if err != nil {
		log.Fatal(err)
	}
	res, err := estimators.Fit(&estimators.Problem{N: len(alts.IDs), Comparisons: rows}, nil)
	if err != nil {
		log.Fatal(err)
	}
	if err := prefdata.WriteRewards(os.Stdout, alts.IDs, res.Rewards, res.Weights); err != nil {
		log.Fatal(err)
	}

	// Errors name the file and the line.
	_, err = prefdata.ReadComparisons("C.csv", strings.NewReader("a,b,p\nu,v,0.5\nu,w,1\n"), alts)
	fmt.Println(err)
	// Output:
	// id,reward,weight
	// u,0.5493061443338471,0.5
	// v,-0.5493061443338471,0.5
	// C.csv:3: b = "w" is not an id of A.csv
}
